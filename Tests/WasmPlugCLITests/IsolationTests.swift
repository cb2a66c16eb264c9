import Foundation
import WasmPlugEngine
import WasmPlugHost
import WasmPlugTestSupport
import XCTest

/// `-P plugin=...,isolate=process`: a native plugin in a child process, behind wRPC on a Unix
/// socket. The echo test plugin crashes, aborts or hangs when asked to.
final class IsolationTests: XCTestCase {
    static let echo = Toolchain.pluginPath("libecho.so")
    static let guest = CLI.guest("host-roundtrip.wasm")

    func testAnIsolatedPluginServesTheGuestAsInProcess() throws {
        let echo = try CLI.run(["run", "-P", "plugin=\(Self.echo),isolate=process", "--invoke", "echo-string(\"héllo\")", Self.guest])
        XCTAssertEqual(echo.status, 0, echo.stderr)
        XCTAssertEqual(echo.stdout, "\"héllo\"\n")
        let counter = try CLI.run(["run", "-P", "plugin=\(Self.echo),isolate=process", "--invoke", "use-counter(5, 3)", Self.guest])
        XCTAssertEqual(counter.stdout, "8\n", counter.stderr)
    }

    func testACrashingOrAbortingPluginTrapsTheGuestAndTheHostReportsIt() throws {
        for request in ["please crash", "please abort"] {
            try CLI.run(["run", "-P", "plugin=\(Self.echo),isolate=process", "--invoke", "echo-string(\"\(request)\")", Self.guest])
                .assertFails(containing: "plugin libecho.so (isolated, process ", status: 134)
        }
    }

    func testAHangingPluginTrapsAfterItsTimeout() throws {
        let started = Date()
        try CLI.run(["run", "-P", "plugin=\(Self.echo),isolate=process,timeout=1s", "--invoke", "echo-string(\"please hang\")", Self.guest])
            .assertFails(containing: "timed out waiting for the answer", status: 134)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
    }

    func testBadIsolationOptionsAreRefused() throws {
        try CLI.run(["run", "-P", "plugin=\(Self.echo),isolate=thread", "--invoke", "echo-u8(1)", Self.guest])
            .assertFails(containing: "isolate=thread is not a kind of isolation; write isolate=process")
        try CLI.run(["run", "-P", "plugin=\(Self.echo),isolate=process,max-restarts=many", "--invoke", "echo-u8(1)", Self.guest])
            .assertFails(containing: "max-restarts=many is not a count")
        try CLI.run(["run", "-P", "plugin=/nonexistent/libx.so,isolate=process", "--invoke", "echo-u8(1)", Self.guest])
            .assertFails(containing: "plugin libx.so (isolated) exited before serving, with status 1: plugin '/nonexistent/libx.so': no such file")
    }
}

/// The same, through the library: one child per plugin, restarted for the next store.
final class IsolatedPluginRestartTests: XCTestCase {
    func testTheChildIsRestartedForTheNextStoreWithinTheLimit() throws {
        let specification = try PluginSpecification(parsing: "plugin=\(IsolationTests.echo),isolate=process,max-restarts=1")
        let plugin = try IsolatedPlugin(specification, isolation: try XCTUnwrap(specification.isolation),
                                        executable: CLI.executable.path)
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.guest("host-roundtrip.wasm"))
        func echo() throws -> Func {
            let linker = Linker(engine: engine)
            try linker.addWASI()
            for item in component.type.imports {
                if plugin.serves(item.name) { try plugin.define(item, in: linker) }
                if item.name.hasPrefix("wasmplug:test/types") { try linker.define(instance: item.name) { _ in } }
            }
            let store = Store(engine: engine)
            try store.setWASI(WASIConfiguration())
            try plugin.attach(to: store)
            return try XCTUnwrap(linker.instantiate(component, in: store).function([EchoCases.echoInterface, "echo-string"]))
        }
        XCTAssertThrowsError(try echo().call([.string("please crash")]))
        XCTAssertEqual(try echo().call([.string("back")]), .string("back"), "a new child serves the next store")
        XCTAssertThrowsError(try echo().call([.string("please abort")]))
        XCTAssertThrowsError(try echo()) { error in
            XCTAssertTrue("\(error)".contains("was restarted 1 times, the limit (raise it with max-restarts=)"), "\(error)")
        }
    }
}
