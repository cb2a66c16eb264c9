import Foundation
import WasmPlugTestSupport
import XCTest

/// `wasmplug run` on real WASI command components (componentize-py).
final class RunCommandTests: XCTestCase {
    func testHelloPrintsThroughWASIAndReceivesArgumentsEnvironmentAndDirectories() throws {
        let data = try temporaryDirectory()
        try Data("from the host".utf8).write(to: data.appendingPathComponent("input.txt"))
        let result = try CLI.run([
            "run", "--env", "GREETING=héllo wörld", "--dir", "\(data.path)::/data",
            CLI.guest("hello.wasm"), "first", "second arg",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Hello from Python via WASI!"), result.stdout)
        XCTAssertTrue(result.stdout.contains("arg: first"), result.stdout)
        XCTAssertTrue(result.stdout.contains("arg: second arg"), result.stdout)
        XCTAssertTrue(result.stdout.contains("GREETING=héllo wörld"), result.stdout)
        XCTAssertTrue(result.stdout.contains("file: from the host"), result.stdout)
    }

    func testTheGuestSeesNothingItWasNotGiven() throws {
        let result = try CLI.run(["run", CLI.guest("hello.wasm")], environment: ["GREETING": "should not leak"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stdout.contains("GREETING"), result.stdout)
        XCTAssertFalse(result.stdout.contains("file:"), result.stdout)
    }

    /// WASI 0.2's `exit` carries success or failure only, so `sys.exit(3)` exits with 1, as
    /// under `wasmtime run`; the status comes from the guest, not from an error of wasmplug's.
    func testTheGuestsExitStatusIsPassedThrough() throws {
        let failed = try CLI.run(["run", CLI.guest("hello.wasm"), "--exit=3"])
        XCTAssertEqual(failed.status, 1, failed.stderr)
        XCTAssertEqual(failed.stderr, "", "a guest's own exit is not reported as an error")
        XCTAssertTrue(failed.stdout.contains("Hello from Python via WASI!"))
        XCTAssertEqual(try CLI.run(["run", CLI.guest("hello.wasm"), "--exit=0"]).status, 0)
    }

    func testTheSecondRunUsesTheCacheAndACorruptEntryIsRebuilt() throws {
        let cache = try temporaryDirectory()
        let env = ["WASMPLUG_CACHE_DIR": cache.path]
        XCTAssertEqual(try CLI.run(["run", CLI.guest("calc.wasm"), "--invoke", "add(2, 3)"], environment: env).status, 1,
                       "options after the component belong to the guest, so this is not an invoke")
        let first = try CLI.run(["run", "--invoke", "add(2, 3)", CLI.guest("calc.wasm")], environment: env)
        XCTAssertEqual(first.stdout, "5\n", first.stderr)
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".cwasm") }
        XCTAssertEqual(entries.count, 1, "one compiled entry after the first run")
        let entry = cache.appendingPathComponent(entries[0])
        let good = try Data(contentsOf: entry)

        // Flip bytes in the middle of the machine code: the checksum must catch it.
        var corrupt = good
        for index in stride(from: corrupt.count / 2, to: corrupt.count / 2 + 64, by: 1) { corrupt[index] ^= 0xFF }
        try corrupt.write(to: entry)
        let second = try CLI.run(["run", "--invoke", "add(2, 3)", CLI.guest("calc.wasm")], environment: env)
        XCTAssertEqual(second.stdout, "5\n", second.stderr)
        XCTAssertEqual(try Data(contentsOf: entry), good, "the corrupt entry was rebuilt")

        // A truncated entry is rebuilt too.
        try good.prefix(100).write(to: entry)
        XCTAssertEqual(try CLI.run(["run", "--invoke", "add(2, 3)", CLI.guest("calc.wasm")], environment: env).stdout, "5\n")
        XCTAssertEqual(try Data(contentsOf: entry), good)
    }

    func testNoCacheWritesNothing() throws {
        let cache = try temporaryDirectory()
        let result = try CLI.run(["run", "--no-cache", "--invoke", "add(1, 1)", CLI.guest("calc.wasm")],
                                 environment: ["WASMPLUG_CACHE_DIR": cache.path])
        XCTAssertEqual(result.stdout, "2\n", result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache.path), [])
    }

    func testAComponentThatIsNotACommandSaysHowToCallIt() throws {
        try CLI.run(["run", CLI.guest("calc.wasm")]).assertFails(containing: "--invoke")
    }

    func testMissingImportsAreReportedByNameBeforeAnythingRuns() throws {
        try CLI.run(["run", "--invoke", "echo-u32(1)", CLI.guest("host-roundtrip.wasm")])
            .assertFails(containing: "imports wasmplug:test/host@0.1.0, which nothing provides")
    }
}
