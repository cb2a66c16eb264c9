import WasmPlugTestSupport
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

    /// `inspect` only shows what an isolated plugin would serve: no child is started (with a
    /// temporary directory that cannot be written, starting one fails, as `run` shows), and an
    /// RPC plugin that nothing listens for is not contacted.
    func testInspectStartsNoPluginProcessAndContactsNoPlugin() throws {
        let echo = Toolchain.pluginPath("libecho.so"), guest = CLI.guest("host-roundtrip.wasm")
        let unwritable = ["TMPDIR": "/nonexistent/wasmplug-inspect"]
        let isolated = try CLI.run(["inspect", "-P", "plugin=\(echo),isolate=process", guest], environment: unwritable)
        XCTAssertEqual(isolated.status, 0, isolated.stderr)
        XCTAssertTrue(isolated.stdout.contains("import wasmplug:test/host@0.1.0: interface {  // provided: native plugin \(echo), in a child process"),
                      isolated.stdout)
        try CLI.run(["run", "-P", "plugin=\(echo),isolate=process", "--invoke", "echo-u8(1)", guest], environment: unwritable)
            .assertFails(containing: "isolate=process: cannot create a directory for the plugin's socket")
        let rpc = try CLI.run(["inspect", "-P", "protocol=wrpc+tcp,target=127.0.0.1:1,import=wasmplug:test/host", guest])
        XCTAssertEqual(rpc.status, 0, rpc.stderr)
        XCTAssertTrue(rpc.stdout.contains("provided: RPC plugin (wrpc+tcp 127.0.0.1:1)"), rpc.stdout)
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
