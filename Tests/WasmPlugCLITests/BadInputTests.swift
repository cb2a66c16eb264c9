import Foundation
import XCTest

/// Every bad input gets one clear line and a non-zero status; none may crash wasmplug.
final class BadInputTests: XCTestCase {
    func testAMissingFile() throws {
        try CLI.run(["run", "/no/such/file.wasm"]).assertFails(containing: "cannot read '/no/such/file.wasm': no such file")
    }

    func testAFileThatIsNotWasm() throws {
        try CLI.run(["run", CLI.guest("not-wasm.wasm")]).assertFails(containing: "not a WebAssembly file")
    }

    /// `run` takes core modules now (CoreModuleTests); a plugin component must still be a component.
    func testACoreModuleWhereAComponentIsExpected() throws {
        try CLI.run(["run", "-P", "component=\(CLI.guest("core-module.wasm"))", CLI.guest("calc.wasm")])
            .assertFails(containing: "core WebAssembly module, not a component")
    }

    func testATruncatedComponent() throws {
        try CLI.run(["run", "--no-cache", "--invoke", "answer()", CLI.guest("truncated.wasm")])
            .assertFails(containing: "truncated.wasm")
    }

    func testInvokingAMissingFunction() throws {
        try CLI.run(["run", "--invoke", "nope()", CLI.guest("calc.wasm")])
            .assertFails(containing: "exports no function 'nope'")
    }

    func testInvokingWithWrongArgumentTypes() throws {
        try CLI.run(["run", "--invoke", #"add("one", 2)"#, CLI.guest("calc.wasm")]).assertFails(containing: "add")
        try CLI.run(["run", "--invoke", "add(1)", CLI.guest("calc.wasm")]).assertFails(containing: "expected 2 arguments")
        try CLI.run(["run", "--invoke", "add(1, 99999999999)", CLI.guest("calc.wasm")]).assertFails(containing: "u32")
    }

    func testATrapPrintsItsMessageAndExitsNonZero() throws {
        try CLI.run(["run", "--invoke", "divide(1, 0)", CLI.guest("calc.wasm")]).assertFails(containing: "trap", status: 134)
        try CLI.run(["run", "--invoke", "boom()", CLI.guest("trap.wasm")]).assertFails(containing: "unreachable", status: 134)
    }

    func testAGuestThatRunsOutOfFuel() throws {
        try CLI.run(["run", "--fuel", "100000", "--invoke", "spin()", CLI.guest("spin.wasm")])
            .assertFails(containing: "ran out of fuel", status: 134)
    }

    func testAGuestThatRunsPastItsTimeout() throws {
        try CLI.run(["run", "--timeout", "300ms", "--invoke", "spin()", CLI.guest("spin.wasm")])
            .assertFails(containing: "--timeout of 300ms", status: 134)
    }

    func testAGuestCappedByMaxMemory() throws {
        let capped = try CLI.run(["run", "--max-memory", "1MiB", "--invoke", "grow()", CLI.guest("grow.wasm")])
        XCTAssertEqual(capped.stdout, "16\n", capped.stderr)
        let roomier = try CLI.run(["run", "--max-memory", "2MiB", "--invoke", "grow()", CLI.guest("grow.wasm")])
        XCTAssertEqual(roomier.stdout, "32\n", roomier.stderr)
    }

    func testBadOptionValues() throws {
        try CLI.run(["run", "--timeout", "soon", CLI.guest("calc.wasm")]).assertFails(containing: "--timeout 'soon'")
        try CLI.run(["run", "--max-memory", "lots", CLI.guest("calc.wasm")]).assertFails(containing: "--max-memory 'lots'")
        try CLI.run(["run", "--dir", "/no/such/dir", CLI.guest("calc.wasm")]).assertFails(containing: "not a directory")
        try CLI.run(["run", "--env", "=x", CLI.guest("calc.wasm")]).assertFails(containing: "the name is empty")
    }
}
