import Foundation
import WasmPlugTestSupport
import XCTest

/// `--config app.toml`: the same run as the long command line, flags overriding the file, and
/// one line with the file and line for every bad file; plugins found by name.
final class ConfigFileTests: XCTestCase {
    static let keyValue = KeyValuePluginTests.plugin
    static let component = ComponentPluginTests.plugin

    /// Writes `text` to a new file and returns its path.
    func file(_ text: String, named name: String = "app.toml") throws -> String {
        let path = try temporaryDirectory().appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testTheFileAndTheEquivalentFlagsGiveTheSameResolutionAndResults() throws {
        let data = try temporaryDirectory()
        let configuration = try file("""
            [[plugin]]
            plugin = "\(Self.keyValue)"
            path = "\(data.path)/file.db"

            [wasm]
            timeout = "60s"
            """)
        let plugins = ["-P", "plugin=\(Self.keyValue),path=\(data.path)/flags.db"], flags = plugins + ["-W", "timeout=60s"]
        let fromFile = try CLI.run(["inspect", "--config", configuration, CLI.guest("kv-client.wasm")])
        let fromFlags = try CLI.run(["inspect"] + plugins + [CLI.guest("kv-client.wasm")])
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
        XCTAssertTrue(fromFile.stdout.contains("provided: native plugin keyvalue-sqlite (\(Self.keyValue))"), fromFile.stdout)
        XCTAssertEqual(fromFile.stdout, fromFlags.stdout)

        let runFile = try CLI.run(["run", "--config", configuration, CLI.guest("kv-client.wasm")])
        let runFlags = try CLI.run(["run"] + flags + [CLI.guest("kv-client.wasm")])
        XCTAssertEqual(runFile.stdout, KeyValuePluginTests.transcript, runFile.stderr)
        XCTAssertEqual(runFlags.stdout, runFile.stdout, runFlags.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(data.path)/file.db"), "the file's plugin configuration reached the plugin")
    }

    func testEnvironmentDirectoriesAndWASIOptionsComeFromTheFileAndFlagsOverrideIt() throws {
        let data = try temporaryDirectory()
        try Data("from the host".utf8).write(to: data.appendingPathComponent("input.txt"))
        let configuration = try file("""
            dirs = ["\(data.path)::/data"]
            [env]
            GREETING = { env = "CONFIG_TEST_SECRET" }
            [wasi]
            cli = true
            """)
        let fromFile = try CLI.run(["run", "--config", configuration, CLI.guest("hello.wasm")], environment: ["CONFIG_TEST_SECRET": "s3cret"])
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
        XCTAssertTrue(fromFile.stdout.contains("GREETING=s3cret"), fromFile.stdout)
        XCTAssertTrue(fromFile.stdout.contains("file: from the host"), fromFile.stdout)

        let overridden = try CLI.run(["run", "--config", configuration, "--env", "GREETING=from the flag", CLI.guest("hello.wasm")],
                                     environment: ["CONFIG_TEST_SECRET": "s3cret"])
        XCTAssertTrue(overridden.stdout.contains("GREETING=from the flag"), overridden.stdout)
        XCTAssertFalse(overridden.stdout.contains("GREETING=s3cret"), overridden.stdout)
    }

    func testALimitInTheFileIsOverriddenByTheFlag() throws {
        let configuration = try file("[wasm]\nfuel = 100000\n")
        try CLI.run(["run", "--config", configuration, "--invoke", "spin()", CLI.guest("spin.wasm")])
            .assertFails(containing: "ran out of fuel", status: 134)
    }

    func testEveryBadFileGetsOneLineWithTheFileAndTheLine() throws {
        let empty = try temporaryDirectory().path
        let cases: [(String, String)] = [
            ("[wasm]\nfuel = lots\n", ":2: 'lots' is not a value"),
            ("[[plugin]]\nplugin = \"\(Self.keyValue)\"\n\n[wasm]\nfuel = \"lots\"\n", ":5: -W fuel=lots: write a whole number of fuel units"),
            ("[wasi]\nnetwork = true\n", ":2: -S network: Wasmtime has this option, but"),
            ("[[plugin]]\nplugin = \"nosuch\"\n", ":1: -P plugin=nosuch: no plugin named nosuch in \(empty)"),
            ("[routes]\n\"wasi:keyvalue\" = \"wrpc+udp://x\"\n", ":2: -P import=wasi:keyvalue=wrpc+udp://x: 'wrpc+udp://x': unknown scheme"),
            ("[env]\nA = { env = \"CONFIG_TEST_UNSET\" }\n", ":2: 'A' takes its value from the environment variable CONFIG_TEST_UNSET"),
            ("dirs = [\"/no/such/dir\"]\n", ":1: --dir /no/such/dir: '/no/such/dir' is not a directory on the host"),
            ("[plugins]\n", ":1: unknown table [plugins]"),
        ]
        for (text, expected) in cases {
            let path = try file(text)
            try CLI.run(["run", "--config", path, CLI.guest("kv-client.wasm")], environment: ["WASMPLUG_PLUGIN_PATH": empty, "XDG_DATA_HOME": empty])
                .assertFails(containing: path + expected)
        }
        try CLI.run(["inspect", "--config", "/no/such.toml", CLI.guest("kv-client.wasm")])
            .assertFails(containing: "--config /no/such.toml: cannot read the file")
    }

    /// A plugin named rather than given by path, found on WASMPLUG_PLUGIN_PATH; `plugin list`
    /// shows what is there.
    func testPluginsByNameAndPluginList() throws {
        let directory = try temporaryDirectory()
        try FileManager.default.copyItem(atPath: Self.keyValue, toPath: directory.appendingPathComponent("libkeyvalue_sqlite.so").path)
        try FileManager.default.copyItem(atPath: Self.component, toPath: directory.appendingPathComponent("keyvalue-dl-sqlite.wasm").path)
        try Data("notes".utf8).write(to: directory.appendingPathComponent("notes.txt"))
        let environment = ["WASMPLUG_PLUGIN_PATH": directory.path, "XDG_DATA_HOME": directory.path]
        let database = directory.appendingPathComponent("kv.db").path
        let run = try CLI.run(["run", "-P", "plugin=keyvalue-sqlite,path=\(database)", CLI.guest("kv-client.wasm")], environment: environment)
        XCTAssertEqual(run.stdout, KeyValuePluginTests.transcript, run.stderr)

        let list = try CLI.run(["plugin", "list"], environment: environment)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertEqual(list.stdout, """
            search path: \(directory.path):\(directory.path)/wasmplug/plugins
            keyvalue-dl-sqlite - (component) \(directory.path)/keyvalue-dl-sqlite.wasm
              interfaces: wasi:keyvalue/store@0.2.0-draft
            keyvalue-sqlite 0.1.0 (native) \(directory.path)/libkeyvalue_sqlite.so
              interfaces: wasi:keyvalue/store@0.2.0-draft
            skipped \(directory.path)/kv.db: not a plugin file: its name ends in neither .so nor .wasm
            skipped \(directory.path)/notes.txt: not a plugin file: its name ends in neither .so nor .wasm
            skipped \(directory.path)/wasmplug/plugins: no such directory

            """)
    }

    /// A native plugin and a plugin component both offer wasi:keyvalue: an error with the way
    /// out, then `-P prefer=` (or the file's [routes]) chooses.
    func testAPreferenceChoosesBetweenTwoProvidersOfOneInterface() throws {
        let data = try temporaryDirectory().path
        let both = ["-P", "plugin=\(Self.keyValue),path=\(data)/kv.db", "-P", ComponentPluginTests.trusted]
        let conflict = try CLI.run(["inspect"] + both + [CLI.guest("kv-client.wasm")])
        XCTAssertEqual(conflict.status, 1)
        XCTAssertTrue(conflict.stdout.contains("CONFLICT: offered by native plugin keyvalue-sqlite"), conflict.stdout)
        try CLI.run(["run"] + both + [CLI.guest("kv-client.wasm")])
            .assertFails(containing: "or choose one with -P prefer=wasi:keyvalue/store=NAME")
        let chosen = try CLI.run(["run"] + both + ["-P", "prefer=wasi:keyvalue=keyvalue-sqlite", CLI.guest("kv-client.wasm")])
        XCTAssertEqual(chosen.stdout, KeyValuePluginTests.transcript, chosen.stderr)

        let configuration = try file("[routes]\n\"wasi:keyvalue\" = \"keyvalue-dl-sqlite\"\n")
        let inspect = try CLI.run(["inspect", "--config", configuration] + both + [CLI.guest("kv-client.wasm")])
        XCTAssertTrue(inspect.stdout.contains("provided: plugin component (\(Self.component))"), inspect.stdout + inspect.stderr)
    }

    /// `-P import=INTERFACE=URL` reaches a real RPC plugin; from the file's [routes] the route
    /// is chosen over a native plugin that offers the same interface.
    func testAnImportRoutedByURLFromTheFlagAndFromTheFile() throws {
        let directory = try temporaryDirectory().path
        let socket = directory + "/kv.sock"
        let server = try BackgroundProcess(CLI.executable.path, [
            "plugin", "serve", "--protocol", "wrpc+unix", "--target", socket, "\(Self.keyValue),path=\(directory)/served.db",
        ])
        try server.waitForOutput(containing: "serving ")
        let flag = try CLI.run(["run", "-P", "import=wasi:keyvalue=wrpc+unix://\(socket)", CLI.guest("kv-client.wasm")])
        XCTAssertEqual(flag.stdout, KeyValuePluginTests.transcript, flag.stderr)

        let configuration = try file("""
            [[plugin]]
            plugin = "\(Self.keyValue)"
            path = "\(directory)/local.db"

            [routes]
            "wasi:keyvalue" = "wrpc+unix://\(socket)"
            """)
        let inspect = try CLI.run(["inspect", "--config", configuration, CLI.guest("kv-client.wasm")])
        XCTAssertTrue(inspect.stdout.contains("provided: RPC plugin (wrpc+unix \(socket))"), inspect.stdout + inspect.stderr)
        let fromFile = try CLI.run(["run", "--config", configuration, CLI.guest("kv-client.wasm")])
        XCTAssertEqual(fromFile.stdout, KeyValuePluginTests.transcript.replacingOccurrences(of: "runs: 1", with: "runs: 2"),
                       "the served store, not the local one: \(fromFile.stderr)")
        withExtendedLifetime(server) {}
    }
}
