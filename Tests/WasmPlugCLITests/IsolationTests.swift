import Foundation
import WasmPlugEngine
import WasmPlugHost
import WasmPlugIsolation
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

    /// The regression test for release builds, where the optimizer once ended the plugin's
    /// lifetime before the guest's first call: the key-value guest's many calls give the same
    /// transcript as in process; a plugin that crashes in the middle of a run of calls traps
    /// that run, and the next run gets a fresh child.
    func testAnIsolatedPluginServesManyCallsAndACrashEndsOnlyItsRun() throws {
        let directory = try temporaryDirectory()
        let sqlite = KeyValuePluginTests.plugin
        let inProcess = try CLI.run(["run", "-P", "plugin=\(sqlite),path=\(directory.path)/a.db", CLI.guest("kv-client.wasm")])
        let isolated = try CLI.run(["run", "-P", "plugin=\(sqlite),path=\(directory.path)/b.db,isolate=process", CLI.guest("kv-client.wasm")])
        XCTAssertEqual(isolated.status, 0, isolated.stderr)
        XCTAssertEqual(isolated.stdout, KeyValuePluginTests.transcript)
        XCTAssertEqual(isolated.stdout, inProcess.stdout)

        // A counter made, then incremented until the plugin crashes (at 4000000000, the fifth
        // increment): the calls before it were answered, the crash traps the guest.
        try CLI.run(["run", "-P", "plugin=\(Self.echo),isolate=process", "--invoke", "use-counter(3999999995, 10)", Self.guest])
            .assertFails(containing: "plugin libecho.so (isolated, process ", status: 134)
        let before = try CLI.run(["run", "-P", "plugin=\(Self.echo),isolate=process", "--invoke", "use-counter(3999999990, 9)", Self.guest])
        XCTAssertEqual(before.stdout, "3999999999\n", before.stderr)
        let fresh = try CLI.run(["run", "-P", "plugin=\(Self.echo),isolate=process", "--invoke", "echo-string(\"back\")", Self.guest])
        XCTAssertEqual(fresh.stdout, "\"back\"\n", fresh.stderr)
    }

    /// A host killed outright (SIGKILL: no deinit, no clean-up) takes its plugin's child with it.
    func testTheChildEndsWhenItsHostIsKilled() throws {
        let host = try BackgroundProcess(CLI.executable.path, [
            "run", "-P", "plugin=\(Self.echo),isolate=process,timeout=120s", "--invoke", "echo-string(\"please hang\")", Self.guest,
        ])
        var child: Int32?
        let deadline = Date().addingTimeInterval(30)
        while child == nil, Date() < deadline, host.process.isRunning {
            child = Self.children(of: host.process.processIdentifier).first
            if child == nil { usleep(20_000) }
        }
        let pid = try XCTUnwrap(child, "the host started no child; it printed: \(host.output)")
        host.kill()
        let gone = Date().addingTimeInterval(20)
        while Self.isAlive(pid), Date() < gone { usleep(20_000) }
        XCTAssertFalse(Self.isAlive(pid), "the plugin's child \(pid) outlived its killed host")
        if Self.isAlive(pid) { kill(pid, SIGKILL) }
    }

    /// The processes whose parent is `parent`, from /proc.
    static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { processStatus($0)?.parent == parent }
    }

    /// Whether `pid` runs (a zombie left for an init that does not reap has ended).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let status = processStatus(pid) else { return false }
        return status.state != "Z" && status.state != "X"
    }

    /// The state letter and parent of `pid`, from /proc/PID/stat (after the command's closing parenthesis).
    static func processStatus(_ pid: Int32) -> (state: Character, parent: Int32)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 1, let state = fields[0].first, let parent = Int32(fields[1]) else { return nil }
        return (state, parent)
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
        let specification = try XCTUnwrap(IsolatedPluginSpecification(parsing: "plugin=\(IsolationTests.echo),isolate=process,max-restarts=1"))
        let plugin = try IsolatedPlugin(specification.plugin, isolation: specification.isolation, executable: CLI.executable.path)
        let echo = try IsolatedEcho(plugin).function
        XCTAssertThrowsError(try echo().call([.string("please crash")]))
        XCTAssertEqual(try echo().call([.string("back")]), .string("back"), "a new child serves the next store")
        XCTAssertThrowsError(try echo().call([.string("please abort")]))
        XCTAssertThrowsError(try echo()) { error in
            XCTAssertTrue("\(error)".contains("was restarted 1 times, the limit (raise it with max-restarts=)"), "\(error)")
        }
    }
}

/// host-roundtrip.wasm's echo-string, served by an isolated plugin, in a new store each time
/// (so each store attaches the plugin, which restarts a child that died).
struct IsolatedEcho {
    let plugin: IsolatedPlugin
    let engine = Engine()
    let component: Component

    init(_ plugin: IsolatedPlugin) throws {
        self.plugin = plugin
        component = try Component(engine: engine, bytes: Toolchain.guest("host-roundtrip.wasm"))
    }

    func function() throws -> Func {
        let linker = Linker(engine: engine)
        try linker.addWASI()
        let store = Store(engine: engine)
        try store.setWASI(WASIConfiguration())
        try plugin.attach(to: store)
        for item in component.type.imports {
            if plugin.serves(item.name) { try plugin.define(item, in: linker, store: store, importer: "the guest") }
            if item.name.hasPrefix("wasmplug:test/types") { try linker.define(instance: item.name) { _ in } }
        }
        return try XCTUnwrap(linker.instantiate(component, in: store).function([EchoCases.echoInterface, "echo-string"]))
    }
}
