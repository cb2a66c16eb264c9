import Foundation
import WasmPlugTestSupport
import XCTest

/// `wasmplug compile` and `run --allow-precompiled`, as Wasmtime spells them: machine code runs
/// only when the user says they trust it, and only when this engine and configuration made it.
final class PrecompiledTests: XCTestCase {
    func testACompiledComponentRunsOnlyWithAllowPrecompiled() throws {
        let artifact = try temporaryDirectory().appendingPathComponent("calc.cwasm").path
        let compiled = try CLI.run(["compile", CLI.guest("calc.wasm"), "-o", artifact])
        XCTAssertEqual(compiled.status, 0, compiled.stderr)
        try CLI.run(["run", "--invoke", "add(1, 2)", artifact])
            .assertFails(containing: "is precompiled machine code (from `wasmplug compile`), which runs as it is: pass --allow-precompiled")
        let run = try CLI.run(["run", "--allow-precompiled", "--invoke", "add(1, 2)", artifact])
        XCTAssertEqual(run.stdout, "3\n", run.stderr)
        try CLI.run(["inspect", artifact]).assertFails(containing: "this is a precompiled artifact")
    }

    func testAnArtifactOfAnotherConfigurationIsRefusedByName() throws {
        let directory = try temporaryDirectory()
        let plain = directory.appendingPathComponent("plain.cwasm").path, fueled = directory.appendingPathComponent("fuel.cwasm").path
        XCTAssertEqual(try CLI.run(["compile", CLI.guest("calc.wasm"), "-o", plain]).status, 0)
        try CLI.run(["run", "--allow-precompiled", "--fuel", "1000000", "--invoke", "add(1, 2)", plain])
            .assertFails(containing: "compiled without fuel support")
        XCTAssertEqual(try CLI.run(["compile", "-W", "fuel=1000000", CLI.guest("calc.wasm"), "-o", fueled]).status, 0)
        let run = try CLI.run(["run", "--allow-precompiled", "--fuel", "1000000", "--invoke", "add(1, 2)", fueled])
        XCTAssertEqual(run.stdout, "3\n", run.stderr)
    }

    func testACompiledCoreModuleRuns() throws {
        let artifact = try temporaryDirectory().appendingPathComponent("module.cwasm").path
        XCTAssertEqual(try CLI.run(["compile", CLI.guest("core-module.wasm"), "-o", artifact]).status, 0)
        let run = try CLI.run(["run", "--allow-precompiled", artifact])
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    func testBadArtifactsAndPathsGetOneLine() throws {
        let directory = try temporaryDirectory()
        let forged = directory.appendingPathComponent("forged.cwasm")
        try Data([0x7F, 0x45, 0x4C, 0x46] + Array(repeating: 0, count: 60)).write(to: forged)
        try CLI.run(["run", "--allow-precompiled", forged.path]).assertFails(containing: "cannot load it")
        try CLI.run(["compile", "/nonexistent/app.wasm"]).assertFails(containing: "cannot read '/nonexistent/app.wasm': no such file")
        try CLI.run(["compile", CLI.guest("calc.wasm"), "-o", "/nonexistent/dir/app.cwasm"])
            .assertFails(containing: "cannot write '/nonexistent/dir/app.cwasm'")
        try CLI.run(["compile", CLI.guest("not-wasm.wasm"), "-o", directory.appendingPathComponent("x.cwasm").path])
            .assertFails(containing: "not a WebAssembly file")
    }
}
