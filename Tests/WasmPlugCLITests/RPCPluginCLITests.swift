import Foundation
import WasmPlugTestSupport
import XCTest

/// RPC plugins as separate processes: the guest under `wasmplug run`, the plugin server, and
/// the real Redis and NATS servers the tests start on loopback.
final class RPCPluginCLITests: XCTestCase {
    static let redisPlugin = CLI.executable.deletingLastPathComponent().appendingPathComponent("wasmplug-keyvalue-redis").path

    /// The address a plugin server printed (`serving ... on wrpc+tcp 127.0.0.1:PORT`), as -P options.
    static func target(of server: BackgroundProcess) throws -> [String] {
        let line = try server.waitForOutput(containing: "serving ")
        let address = try XCTUnwrap(line.components(separatedBy: " on ").last).split(separator: " ").map(String.init)
        return ["-P", "protocol=\(address[0])", "-P", "target=\(address[1])", "-P", "import=wasi:keyvalue"]
    }

    func testTheRedisPluginGivesTheGuestTheSameAnswers() throws {
        let (redis, redisPort) = try startRedisServer()
        let plugin = try BackgroundProcess(Self.redisPlugin, ["--target", "127.0.0.1:0", "--redis", "127.0.0.1:\(redisPort)"])
        let options = try Self.target(of: plugin)
        let first = try CLI.run(["run"] + options + [CLI.guest("kv-client.wasm")])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, KeyValuePluginTests.transcript)
        let second = try CLI.run(["run"] + options + [CLI.guest("kv-client.wasm")])
        XCTAssertEqual(second.stdout, KeyValuePluginTests.transcript.replacingOccurrences(of: "runs: 1", with: "runs: 2"), second.stderr)
        // The data is in Redis: read it back with redis-cli.
        let check = try BackgroundProcess("redis-cli", ["-p", "\(redisPort)", "HGET", "wasmplug:kv:demo", "runs"])
        check.process.waitUntilExit()
        XCTAssertEqual(check.output, "2\n")
        withExtendedLifetime(redis) {}
    }

    func testOverNATSTheGuestAndThePluginAreSeparateProcesses() throws {
        let (redis, redisPort) = try startRedisServer()
        let (nats, natsPort) = try startNATSServer()
        let plugin = try BackgroundProcess(Self.redisPlugin, [
            "--protocol", "wrpc+nats", "--target", "127.0.0.1:\(natsPort)", "--prefix", "cli", "--redis", "127.0.0.1:\(redisPort)",
        ])
        try plugin.waitForOutput(containing: "serving ")
        let result = try CLI.run([
            "run", "-P", "protocol=wrpc+nats,target=127.0.0.1:\(natsPort),prefix=cli,import=wasi:keyvalue/store", CLI.guest("kv-client.wasm"),
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, KeyValuePluginTests.transcript)
        withExtendedLifetime((redis, nats)) {}
    }

    func testPluginServeRunsANativeLibraryOutOfProcessAndSurvivesARestart() throws {
        let directory = try temporaryDirectory()
        let database = directory.appendingPathComponent("kv.db").path, socket = directory.appendingPathComponent("kv.sock").path
        let arguments = ["plugin", "serve", "--protocol", "wrpc+unix", "--target", socket, "\(KeyValuePluginTests.plugin),path=\(database)"]
        var server = try BackgroundProcess(CLI.executable.path, arguments)
        let options = try Self.target(of: server)
        let first = try CLI.run(["run"] + options + [CLI.guest("kv-client.wasm")])
        XCTAssertEqual(first.stdout, KeyValuePluginTests.transcript, first.stderr)

        // The plugin dies: the guest traps with a message naming the plugin; wasmplug reports it.
        server.kill()
        try CLI.run(["run"] + options + [CLI.guest("kv-client.wasm")])
            .assertFails(containing: "wrpc+unix \(socket): cannot connect", status: 134)

        // Restarted, it serves the next run, with the data kept in the SQLite file.
        server = try BackgroundProcess(CLI.executable.path, arguments)
        try server.waitForOutput(containing: "serving ")
        let third = try CLI.run(["run"] + options + [CLI.guest("kv-client.wasm")])
        XCTAssertEqual(third.stdout, KeyValuePluginTests.transcript.replacingOccurrences(of: "runs: 1", with: "runs: 2"), third.stderr)
    }

    func testRPCOptionsAreCheckedBeforeAnythingRuns() throws {
        let guest = CLI.guest("kv-client.wasm")
        try CLI.run(["run", "-P", "protocol=wrpc+quic", "-P", "import=wasi:keyvalue", guest])
            .assertFails(containing: "-P protocol=wrpc+quic: unknown protocol; use one of wrpc+tcp, wrpc+unix, wrpc+nats")
        try CLI.run(["run", "-P", "protocol=wrpc+tcp", guest])
            .assertFails(containing: "name the imports it serves with -P import=, e.g. -P import=wasi:keyvalue")
        try CLI.run(["run", "-P", "target=[::1:7761", "-P", "import=wasi:keyvalue", guest])
            .assertFails(containing: "target '[::1:7761': no closing ']'")
        try CLI.run(["run", "-P", "protocol=wrpc+unix", "-P", "import=wasi:keyvalue", guest])
            .assertFails(containing: "protocol wrpc+unix needs the socket's path: -P target=/path/to/plugin.sock")
        try CLI.run(["run", "-P", "import=wasi:keyvalue/stor", guest])
            .assertFails(containing: "-P import=wasi:keyvalue/stor: the guest imports nothing by that name; its imports besides WASI are wasi:keyvalue/store@0.2.0-draft")
        try CLI.run(["run", "-P", "improt=wasi:keyvalue", guest])
            .assertFails(containing: "unknown option 'improt'")
        try CLI.run(["run", "-P", "timeout=soon", "-P", "import=wasi:keyvalue", guest])
            .assertFails(containing: "-P timeout 'soon': write a positive duration such as 500ms, 5s or 2m")
    }

    func testTheDefaultTargetIsTheRFCs() throws {
        // Nothing listens on [::1]:7761 here: the error shows the default was used.
        try CLI.run(["run", "-P", "import=wasi:keyvalue", "-P", "timeout=2s", CLI.guest("kv-client.wasm")])
            .assertFails(containing: "wrpc+tcp [::1]:7761", status: 134)
    }

    func testPluginHelpListsTheRPCOptions() throws {
        let help = try CLI.run(["run", "-P", "help"])
        for option in ["-P plugin=PATH", "-P protocol=wrpc+tcp|wrpc+unix|wrpc+nats", "-P target=ADDRESS", "-P import=NAME", "-P timeout=DURATION", "-P prefix=PREFIX"] {
            XCTAssertTrue(help.stdout.contains(option), "missing \(option) in:\n\(help.stdout)")
        }
    }

    func testPluginServeRefusesBadInput() throws {
        try CLI.run(["plugin", "serve", "/nonexistent/libnothing.so"]).assertFails(containing: "/nonexistent/libnothing.so")
        try CLI.run(["plugin", "serve", "--protocol", "wrpc+carrier-pigeon", KeyValuePluginTests.plugin])
            .assertFails(containing: "unknown protocol 'wrpc+carrier-pigeon'")
        try CLI.run(["plugin", "serve", "--max-resources", "0", KeyValuePluginTests.plugin])
            .assertFails(containing: "--max-resources 0: give a positive number of handles, e.g. 10000")
        try CLI.run(["plugin", "serve", "--resource-idle-timeout", "soon", KeyValuePluginTests.plugin])
            .assertFails(containing: "--resource-idle-timeout 'soon': write a positive duration such as 500ms, 5s or 2m")
    }
}
