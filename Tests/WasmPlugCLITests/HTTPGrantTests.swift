import Foundation
import WasmPlugTestSupport
import XCTest

/// `-S http`: a component's wasi:http imports are served by Wasmtime's HTTP client only when
/// granted. The guest, http-get.wasm (componentize-py), GETs a page from an HTTP server
/// (Python's http.server) this test starts on 127.0.0.1.
final class HTTPGrantTests: XCTestCase {
    private var guest: String { CLI.guest("http-get.wasm") }

    /// Serves a directory holding `hello.txt` on 127.0.0.1.
    private func startServer() throws -> (BackgroundProcess, authority: String) {
        let root = try temporaryDirectory()
        try Data("hello over wasi:http\n".utf8).write(to: root.appendingPathComponent("hello.txt"))
        let port = freePort()
        let server = try BackgroundProcess(
            "python3", ["-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", root.path, "\(port)"])
        try server.waitForOutput(containing: "Serving HTTP")
        return (server, "127.0.0.1:\(port)")
    }

    func testWithSHTTPTheGuestGetsAPageFromALocalServer() throws {
        let (server, authority) = try startServer()
        let result = try CLI.run(["run", "-S", "http", guest, authority, "/hello.txt"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "status: 200\nhello over wasi:http\n", result.stderr)
        let missing = try CLI.run(["run", "-S", "http", guest, authority, "/nothing-here"])
        XCTAssertTrue(missing.stdout.hasPrefix("status: 404\n"), missing.stdout + missing.stderr)
        server.kill()
    }

    func testWithoutSHTTPTheGuestIsRefusedNamingTheFlag() throws {
        try CLI.run(["run", guest, "127.0.0.1:1", "/"]).assertFails(
            containing: "wasi:http's client, which is off unless granted: pass -S http")
        try CLI.run(["run", "-S", "http=n", guest, "127.0.0.1:1", "/"]).assertFails(containing: "pass -S http")
        try CLI.run(["run", "-S", "http=maybe", guest]).assertFails(containing: "-S http=maybe: write y or n")
        try CLI.run(["run", "-S", "http", CLI.guest("core-module.wasm")])
            .assertFails(containing: "is a core module, and wasi:http serves components only")
    }

    func testInspectShowsWASIHTTPAsBuiltInOnlyWithSHTTP() throws {
        /// The note on the import of `interface` (any 0.2.x: componentize-py raises the version).
        func note(_ interface: String, in output: String) -> String? {
            guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("  import wasi:http/\(interface)@0.2.") }),
                  let marker = line.range(of: "// ")
            else { return nil }
            return String(line[marker.upperBound...])
        }
        let granted = try CLI.run(["inspect", "-S", "http", guest])
        XCTAssertEqual(granted.status, 0, granted.stderr)
        XCTAssertEqual(note("outgoing-handler", in: granted.stdout), "provided: built in (wasi:http client, -S http)", granted.stdout)
        XCTAssertEqual(note("types", in: granted.stdout), "provided: built in (wasi:http client, -S http)", granted.stdout)
        let plain = try CLI.run(["inspect", guest])
        XCTAssertEqual(plain.status, 1)
        XCTAssertEqual(note("outgoing-handler", in: plain.stdout), "NOT PROVIDED: wasi:http's client is off; -S http grants it",
                       plain.stdout)
    }

    /// What the C API does not cover: serving incoming requests (`wasmtime serve`).
    func testAnHTTPServerComponentIsRefusedWithTheReason() throws {
        let component = try temporaryDirectory().appendingPathComponent("server.wasm")
        try Data(Toolchain.wat("""
            (component
              (core module $m (func (export "handle")))
              (core instance $i (instantiate $m))
              (func $handle (canon lift (core func $i "handle")))
              (instance $handler (export "handle" (func $handle)))
              (export "wasi:http/incoming-handler@0.2.0" (instance $handler)))
            """)).write(to: component)
        try CLI.run(["run", "-S", "http", component.path]).assertFails(
            containing: "is an HTTP server (it exports wasi:http/incoming-handler@0.2.0, which `wasmtime serve` runs)")
    }
}
