import Foundation
import WasmPlugTestSupport
import XCTest

/// `wasmplug run` on WASI preview 1 core modules, as `wasmtime run` runs them: a C program
/// built with clang and Debian's wasi-libc (Tests/Guests/c/p1), and modules written in WAT.
final class CoreModuleTests: XCTestCase {
    private var program: String { CLI.guest("wasi-program.wasm") }

    func testAPreview1ProgramReceivesItsArgumentsAndItsNameAsArgv0() throws {
        let result = try CLI.run(["run", program, "args", "first", "second arg"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "arg 0: wasi-program.wasm\narg 1: args\narg 2: first\narg 3: second arg\n")
        let renamed = try CLI.run(["run", "--argv0", "tool", program, "args"])
        XCTAssertEqual(renamed.stdout, "arg 0: tool\narg 1: args\n", renamed.stderr)
    }

    func testAPreview1ProgramSeesOnlyTheEnvironmentItIsGiven() throws {
        let given = try CLI.run(["run", "--env", "GREETING=héllo", program, "env", "GREETING", "SECRET"],
                                environment: ["SECRET": "host only"])
        XCTAssertEqual(given.stdout, "GREETING=héllo\nSECRET=(unset)\n", given.stderr)
        let inherited = try CLI.run(["run", "-S", "inherit-env", program, "env", "SECRET"], environment: ["SECRET": "host only"])
        XCTAssertEqual(inherited.stdout, "SECRET=host only\n", inherited.stderr)
    }

    func testAPreview1ProgramReadsAndWritesFilesInAPreopenedDirectoryOnly() throws {
        let data = try temporaryDirectory()
        try Data("from the host\n".utf8).write(to: data.appendingPathComponent("in.txt"))
        let read = try CLI.run(["run", "--dir", "\(data.path)::/data", program, "cat", "/data/in.txt"])
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertEqual(read.stdout, "from the host\n")
        let write = try CLI.run(["run", "--dir", "\(data.path)::/data", program, "write", "/data/out.txt", "from the guest"])
        XCTAssertEqual(write.status, 0, write.stderr)
        XCTAssertEqual(try String(contentsOf: data.appendingPathComponent("out.txt"), encoding: .utf8), "from the guest")
        let denied = try CLI.run(["run", program, "cat", "/data/in.txt"])
        XCTAssertEqual(denied.status, 1, "without --dir the file is out of reach")
        XCTAssertTrue(denied.stderr.contains("/data/in.txt"), denied.stderr)
    }

    func testAPreview1ProgramReadsTheClocks() throws {
        let result = try CLI.run(["run", program, "clock"])
        XCTAssertEqual(result.stdout, "wall clock after 2020: yes\nmonotonic clock: yes\n", result.stderr)
    }

    func testTheExitStatusIsPassedThrough() throws {
        let exited = try CLI.run(["run", program, "exit", "42"])
        XCTAssertEqual(exited.status, 42)
        XCTAssertEqual(exited.stderr, "", "a guest's own exit is not reported as an error")
        let hello = try CLI.run(["run", CLI.guest("p1-hello.wasm")])
        XCTAssertEqual(hello.status, 3, hello.stderr)
        XCTAssertEqual(hello.stdout, "hello from a core module\n")
        let empty = try CLI.run(["run", CLI.guest("core-module.wasm")])
        XCTAssertEqual(empty.status, 0, empty.stderr)
    }

    func testInvokeCallsACoreExportWithNumbersAsWasmtimeDoes() throws {
        let calc = CLI.guest("core-calc.wasm")
        XCTAssertEqual(try CLI.run(["run", "--invoke", "add", calc, "2", "3"]).stdout, "5\n")
        XCTAssertEqual(try CLI.run(["run", "--invoke", "add", calc, "-1", "4294967295"]).stdout, "-2\n")
        XCTAssertEqual(try CLI.run(["run", "--invoke", "mul64", calc, "4000000000", "3"]).stdout, "12000000000\n")
        XCTAssertEqual(try CLI.run(["run", "--invoke", "half", calc, "3"]).stdout, "1.5\n")
        XCTAssertEqual(try CLI.run(["run", "--invoke", "pair", calc]).stdout, "1\n2\n")
        XCTAssertEqual(try CLI.run(["run", "--invoke", "add(20, 22)", calc]).stdout, "42\n")
        try CLI.run(["run", "--invoke", "add", calc, "2"]).assertFails(containing: "expected 2 argument(s)")
        try CLI.run(["run", "--invoke", "add", calc, "two", "3"]).assertFails(containing: "'two' is not an i32")
        try CLI.run(["run", "--invoke", "nope", calc]).assertFails(containing: "exports no function 'nope'")
    }

    /// Without --invoke, as `wasmtime run`: the export named "" is called (its arguments from
    /// the command line, its results printed), else `_start`; a module with neither is only
    /// instantiated, and succeeds.
    func testWithoutInvokeTheDefaultExportRunsElseStartElseNothing() throws {
        let silent = try CLI.run(["run", CLI.guest("core-calc.wasm")])
        XCTAssertEqual(silent.status, 0, silent.stderr)
        XCTAssertEqual(silent.stdout + silent.stderr, "")
        let module = try temporaryDirectory().appendingPathComponent("default-export.wasm")
        try Data(Toolchain.wat("""
            (module (func (export "") (param i32) (result i32) local.get 0 i32.const 1 i32.add)
                    (func (export "_start") unreachable))
            """)).write(to: module)
        let called = try CLI.run(["run", module.path, "41"])
        XCTAssertEqual(called.status, 0, called.stderr)
        XCTAssertEqual(called.stdout, "42\n")
        try CLI.run(["run", module.path, "x"]).assertFails(containing: "'x' is not an i32")
    }

    func testTheLimitsStopACoreModule() throws {
        let calc = CLI.guest("core-calc.wasm")
        try CLI.run(["run", "--fuel", "100000", "--invoke", "spin", calc]).assertFails(containing: "ran out of fuel", status: 134)
        try CLI.run(["run", "-W", "timeout=300ms", "--invoke", "spin", calc]).assertFails(containing: "and was stopped", status: 134)
        XCTAssertEqual(try CLI.run(["run", "-W", "max-memory-size=1MiB", "--invoke", "grow", calc]).stdout, "16\n")
    }

    func testACoreModuleImportingAnythingButWASIIsRefusedByName() throws {
        try CLI.run(["run", CLI.guest("core-env-import.wasm")])
            .assertFails(containing: "imports env::log, which WASI preview 1 does not provide, and plugins serve components only")
        try CLI.run(["run", "-P", "component=\(CLI.guest("chain-base.wasm"))", CLI.guest("core-module.wasm")])
            .assertFails(containing: "plugins (-P, --trust-dl-policy) serve components only")
    }

    func testInspectShowsACoreModulesImportsAndExports() throws {
        let hello = try CLI.run(["inspect", CLI.guest("p1-hello.wasm")])
        XCTAssertEqual(hello.status, 0, hello.stderr)
        XCTAssertTrue(hello.stdout.contains(
            "import wasi_snapshot_preview1::fd_write: func(i32, i32, i32, i32) -> i32;  // provided: built-in WASI preview 1"),
            hello.stdout)
        XCTAssertTrue(hello.stdout.contains("export memory: memory;"), hello.stdout)
        XCTAssertTrue(hello.stdout.contains("export _start: func();"), hello.stdout)
        let other = try CLI.run(["inspect", CLI.guest("core-env-import.wasm")])
        XCTAssertEqual(other.status, 1)
        XCTAssertTrue(other.stdout.contains("import env::log: func(i32);  // NOT PROVIDED: plugins serve components only"), other.stdout)
        XCTAssertTrue(other.stderr.contains("1 import(s) not provided: env::log"), other.stderr)
    }

    func testTheCompiledModuleIsCachedUnlessTheCacheIsOff() throws {
        let cache = try temporaryDirectory()
        let environment = ["WASMPLUG_CACHE_DIR": cache.path]
        func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: cache.path) }
        XCTAssertEqual(try CLI.run(["run", "-C", "cache=n", program, "exit", "0"], environment: environment).status, 0)
        XCTAssertEqual(try entries(), [], "-C cache=n writes nothing")
        XCTAssertEqual(try CLI.run(["run", program, "exit", "0"], environment: environment).status, 0)
        let written = try entries()
        XCTAssertEqual(written.filter { $0.hasSuffix(".cwasm") }.count, 1, "\(written)")
        XCTAssertEqual(written.filter { $0.hasSuffix(".cwasm.seal") }.count, 1, "an entry and its seal: \(written)")
        let cached = try CLI.run(["run", program, "args"], environment: environment)
        XCTAssertEqual(cached.stdout, "arg 0: wasi-program.wasm\narg 1: args\n", cached.stderr)
    }
}
