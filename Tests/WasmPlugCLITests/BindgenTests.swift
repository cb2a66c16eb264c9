import Foundation
import WasmPlugTestSupport
import XCTest

/// `wasmplug bindgen --lang c`: generated glue compiles, and a plugin written against it
/// serves a real guest.
final class BindgenTests: XCTestCase {
    static let wit = """
        package wasmplug:bench@0.1.0;

        interface host {
          f: func(x: u32) -> u32;
          add: func(a: u32, b: u32) -> u32;
          echo: func(s: string) -> string;
          sum: func(v: list<u32>) -> u64;
        }

        world generated {
          export host;
        }
        """

    /// A plugin implemented against the generated types only.
    static let implementation = """
        #define WASMPLUG_PLUGIN_IMPLEMENTATION
        #include "generated.h"

        int32_t generated_f(void *state, wasmplug_call_t *call, const generated_f_args_t *args, uint32_t *result) {
          (void)state; (void)call; *result = args->x * 2; return 0;
        }
        int32_t generated_add(void *state, wasmplug_call_t *call, const generated_add_args_t *args, uint32_t *result) {
          (void)state; (void)call; *result = args->a + args->b; return 0;
        }
        int32_t generated_echo(void *state, wasmplug_call_t *call, const generated_echo_args_t *args, wasmplug_str_t *result) {
          (void)state; (void)call; *result = args->s; return 0;
        }
        int32_t generated_sum(void *state, wasmplug_call_t *call, const generated_sum_args_t *args, uint64_t *result) {
          (void)state; (void)call;
          const uint32_t *values = args->v.ptr;
          *result = 0;
          for (size_t i = 0; i < args->v.len; i++) *result += values[i];
          return 0;
        }

        GENERATED_PLUGIN("generated", "0.1.0", NULL, NULL, WASMPLUG_PLUGIN_THREAD_SAFE)
        """

    func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, arguments.joined(separator: " "))
    }

    func testAPluginWrittenAgainstTheGeneratedHeaderServesAGuest() throws {
        let directory = try temporaryDirectory()
        let wit = directory.appendingPathComponent("host.wit"), header = directory.appendingPathComponent("generated.h")
        try Data(Self.wit.utf8).write(to: wit)
        let generate = try CLI.run(["bindgen", "--lang", "c", "--world", "generated", wit.path, "-o", header.path])
        XCTAssertEqual(generate.status, 0, generate.stderr)
        let source = directory.appendingPathComponent("plugin.c"), library = directory.appendingPathComponent("libgenerated.so")
        try Data(Self.implementation.utf8).write(to: source)
        try run(["cc", "-shared", "-fPIC", "-Wall", "-Werror", "-I", Toolchain.repository.appendingPathComponent("Sources/CWasmPlugPlugin/include").path,
                 "-I", directory.path, "-o", library.path, source.path])

        for (call, expected) in [("call-f(4)", "12"), ("call-add(10)", "45"), ("call-echo(3, 100)", "300"), ("call-sum(2, 5)", "20")] {
            let result = try CLI.run(["run", "-P", "plugin=\(library.path)", "--invoke", call, CLI.guest("bench.wasm")])
            XCTAssertEqual(result.stdout, expected + "\n", "\(call): \(result.stderr)")
        }
    }

    func testGeneratedHeadersPinEveryLayoutAndCompile() throws {
        let directory = try temporaryDirectory()
        for (wit, world, prefix) in [("Plugins/keyvalue-sqlite/wit/store.wit", "keyvalue-sqlite", "KEYVALUE_SQLITE"),
                                     ("Tests/Guests/wit/test/test.wit", "echo-plugin", "ECHO_PLUGIN")] {
            let header = directory.appendingPathComponent("\(world).h")
            let result = try CLI.run(["bindgen", "--lang", "c", "--world", world, Toolchain.repository.appendingPathComponent(wit).path,
                                      "-o", header.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            let text = try String(contentsOf: header, encoding: .utf8)
            XCTAssertTrue(text.contains("_Static_assert(sizeof("), "layouts are pinned")
            let source = directory.appendingPathComponent("\(world).c")
            try Data("#define WASMPLUG_PLUGIN_IMPLEMENTATION\n#include \"\(world).h\"\n\(prefix)_PLUGIN(\"x\", \"1\", NULL, NULL, 0)\n".utf8)
                .write(to: source)
            try run(["cc", "-fsyntax-only", "-Wall", "-I", Toolchain.repository.appendingPathComponent("Sources/CWasmPlugPlugin/include").path,
                     "-I", directory.path, source.path])
        }
    }

    /// The committed Swift bindings are exactly what bindgen generates today; the plugin built
    /// from them (Plugins/swift-keyvalue-memory) is exercised by KeyValuePluginTests, and the
    /// echo bindings (every WIT value kind) are compiled as the GeneratedEchoBindings target.
    func testCommittedSwiftBindingsMatchTheGenerator() throws {
        for (lang, wit, world, committed) in [
            ("swift", "Plugins/keyvalue-sqlite/wit/store.wit", "keyvalue-store",
             "Plugins/swift-keyvalue-memory/Sources/SwiftKeyValuePlugin/KeyvalueStorePlugin.swift"),
            ("swift", "Tests/Guests/wit/test/test.wit", "echo-plugin", "Tests/GeneratedBindings/EchoPluginBindings.swift"),
            // The typed wRPC server bindings the Redis plugin is written against (RPCPluginCLITests runs it).
            ("swift-wrpc", "Plugins/keyvalue-sqlite/wit/store.wit", "keyvalue-store",
             "Plugins/keyvalue-redis/Sources/KeyValueRedis/KeyvalueStoreServer.swift"),
        ] {
            let result = try CLI.run(["bindgen", "--lang", lang, "--world", world, Toolchain.repository.appendingPathComponent(wit).path])
            XCTAssertEqual(result.status, 0, result.stderr)
            let expected = try String(contentsOf: Toolchain.repository.appendingPathComponent(committed), encoding: .utf8)
            XCTAssertEqual(result.stdout, expected, "regenerate \(committed) with wasmplug bindgen --lang \(lang) --world \(world) \(wit)")
        }
        try CLI.run(["bindgen", "--lang", "swift-wrpc", "--world", "echo-plugin",
                     Toolchain.repository.appendingPathComponent("Tests/Guests/wit/test/test.wit").path])
            .assertFails(containing: "tuple<u32, u32> is not supported by --lang swift-wrpc yet")
    }

    func testBadInput() throws {
        try CLI.run(["bindgen", "--lang", "c", "--world", "w", "/no/such.wit"]).assertFails(containing: "cannot read '/no/such.wit'")
        let wit = try temporaryDirectory().appendingPathComponent("bad.wit")
        try Data("package a:b;\ninterface i { f: func(; }\nworld w { export i; }\n".utf8).write(to: wit)
        try CLI.run(["bindgen", "--lang", "c", "--world", "w", wit.path]).assertFails(containing: "bad.wit:2:")
        try CLI.run(["bindgen", "--lang", "swift", "--world", "w", wit.path]).assertFails(containing: "bad.wit:2:")
    }
}
