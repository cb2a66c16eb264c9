import XCTest

final class InspectTests: XCTestCase {
    func testInspectShowsWASIImportsAsBuiltInAndTheExports() throws {
        let result = try CLI.run(["inspect", CLI.guest("hello.wasm")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("import wasi:cli/stdout@0.2"), result.stdout)
        XCTAssertTrue(result.stdout.contains("provided: built in (WASI 0.2)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("export wasi:cli/run@0.2"), result.stdout)
        XCTAssertFalse(result.stdout.contains("NOT PROVIDED"), result.stdout)
    }

    func testInspectPrintsFullFunctionTypes() throws {
        let result = try CLI.run(["inspect", CLI.guest("values.wasm")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("add: func(a: u32, b: u32) -> u32;"), result.stdout)
        XCTAssertTrue(result.stdout.contains("echo-result: func(v: result<u32, string>) -> result<u32, string>;"), result.stdout)
        XCTAssertTrue(result.stdout.contains("echo-perms: func(v: flags { read, write, exec })"), result.stdout)
    }

    func testInspectMarksImportsNothingProvides() throws {
        let result = try CLI.run(["inspect", CLI.guest("host-roundtrip.wasm")])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("import wasmplug:test/host@0.1.0: interface {  // NOT PROVIDED"), result.stdout)
        XCTAssertTrue(result.stdout.contains("resource counter;"), result.stdout)
        XCTAssertTrue(result.stdout.contains("counter-total: func(c: borrow<counter>) -> u32;"), result.stdout)
        XCTAssertTrue(result.stderr.contains("wasmplug:test/host@0.1.0"), result.stderr)
    }
}
