import Foundation
import WasmPlugTestSupport
import XCTest

/// `wasmplug compose`: a guest and plugin components written as one component, checked with
/// wasm-tools, run by wasmplug and by wasmtime's own CLI.
final class ComposeTests: XCTestCase {
    private func compose(_ guest: String, _ plugs: [String]) throws -> (result: CLIResult, output: String) {
        let output = try temporaryDirectory().appendingPathComponent("app.wasm").path
        let result = try CLI.run(["compose", CLI.guest(guest)] + plugs.flatMap { ["--plug", CLI.guest($0)] } + ["-o", output])
        return (result, output)
    }

    /// Runs a tool from PATH, returning its status and what it printed.
    private func tool(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testAWholeChainComposesValidatesAndRunsUnderWasmplugAndWasmtime() throws {
        let (result, app) = try compose("chain-guest.wasm", ["chain-top.wasm", "chain-base.wasm"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let validation = try tool(["wasm-tools", "validate", app])
        XCTAssertEqual(validation.status, 0, validation.output)
        XCTAssertEqual(try CLI.run(["run", "--invoke", "answer()", app]).stdout, "43\n")
        let wasmtime = try tool(["wasmtime", "run", "--invoke", "answer()", app])
        XCTAssertEqual(wasmtime.status, 0, wasmtime.output)
        XCTAssertEqual(wasmtime.output.trimmingCharacters(in: .whitespacesAndNewlines), "43")
    }

    /// Plugins are instantiated in dependency order, whatever the order of --plug.
    func testPlugOrderDoesNotMatter() throws {
        let (result, app) = try compose("chain-guest.wasm", ["chain-base.wasm", "chain-top.wasm"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try CLI.run(["run", "--invoke", "answer()", app]).stdout, "43\n")
    }

    /// What no plugin satisfies stays an import of the result: inspect shows it, and a
    /// run-time plugin can still serve it.
    func testAnUnsatisfiedImportRemainsAnImport() throws {
        let (result, app) = try compose("chain-guest.wasm", ["chain-top.wasm"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try tool(["wasm-tools", "validate", app]).status, 0)
        let inspect = try CLI.run(["inspect", app])
        XCTAssertTrue(inspect.stdout.contains("wasmplug:chain/base@0.1.0"), inspect.stdout)
        XCTAssertFalse(inspect.stdout.contains("wasmplug:chain/top@0.1.0;"), inspect.stdout)
        let run = try CLI.run(["run", "-P", "component=\(CLI.guest("chain-base.wasm"))", "--invoke", "answer()", app])
        XCTAssertEqual(run.stdout, "43\n", run.stderr)
    }

    /// kv-client over the wasi:dl SQLite plugin, composed: one component importing WASI and
    /// wasi:dl, which runs only when the user trusts it with a dl policy.
    func testKeyValueOverWASIDLComposedPrintsTheTranscriptWhenTrusted() throws {
        let output = try temporaryDirectory().appendingPathComponent("kv.wasm").path
        let result = try CLI.run(["compose", CLI.guest("kv-client.wasm"), "--plug", ComponentPluginTests.plugin, "-o", output])
        XCTAssertEqual(result.status, 0, result.stderr)
        let validation = try tool(["wasm-tools", "validate", output])
        XCTAssertEqual(validation.status, 0, validation.output)
        let inspect = try CLI.run(["inspect", output])
        XCTAssertTrue(inspect.stdout.contains("wasi:dl/dl@0.1.0-draft"), inspect.stdout)
        XCTAssertFalse(inspect.stdout.contains("wasi:keyvalue/store"), inspect.stdout)
        try CLI.run(["run", output]).assertFails(containing: "add --trust-dl-policy FILE")
        let run = try CLI.run(["run", "--trust-dl-policy", ComponentPluginTests.policy, output])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, KeyValuePluginTests.transcript)
    }

    func testAGuestImportingWASIDLIsRefused() throws {
        try compose("dl-smoke.wasm", ["chain-top.wasm"]).result
            .assertFails(containing: "imports wasi:dl/dl@0.1.0-draft, which only trusted plugins get")
    }

    func testAPlugThatSatisfiesNothingIsRefused() throws {
        try compose("chain-guest.wasm", ["chain-base.wasm"]).result
            .assertFails(containing: "chain-base.wasm satisfies none of the imports of")
    }

    func testANonComponentIsRefused() throws {
        try compose("chain-guest.wasm", ["not-wasm.wasm"]).result.assertFails(containing: "not-wasm.wasm is not a WebAssembly component")
        try compose("core-module.wasm", ["chain-top.wasm"]).result.assertFails(containing: "core-module.wasm is not a WebAssembly component")
    }

    func testAMissingOutputIsRefused() throws {
        try CLI.run(["compose", CLI.guest("chain-guest.wasm"), "--plug", CLI.guest("chain-top.wasm")])
            .assertFails(containing: "compose needs the output's path: add -o app.wasm")
    }

    func testATypeMismatchIsRefusedWithBothTypes() throws {
        try compose("chain-guest.wasm", ["chain-mismatch.wasm"]).result
            .assertFails(containing: "exports wasmplug:chain/top@0.1.0 answer as func() -> u64, but")
    }
}
