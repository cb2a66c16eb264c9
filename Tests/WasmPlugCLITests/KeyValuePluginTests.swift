import Foundation
import WasmPlugTestSupport
import XCTest

/// The wasi:keyvalue/store native plugin over SQLite, driven by kv-client.wasm (Python).
final class KeyValuePluginTests: XCTestCase {
    static let plugin = Toolchain.repository.appendingPathComponent("Plugins/keyvalue-sqlite/build/libkeyvalue_sqlite.so").path

    /// What kv-client prints on its first run, whatever provides the store.
    static let transcript = """
        runs: 1
        get greeting: 'héllo, wörld 🎉'
        get empty: b''
        get binary ok: True
        get missing: None
        exists greeting: True
        exists after delete: False
        keys: 253
        pages: 3
        first keys: ['binary', 'empty', 'key-000']
        open('') error: 'Error_NoSuchStore'

        """

    func testTheGuestGetsTheSameAnswersAndTheDataPersistsInTheFile() throws {
        let database = try temporaryDirectory().appendingPathComponent("kv.db").path
        let first = try CLI.run(["run", "-P", "plugin=\(Self.plugin),path=\(database)", CLI.guest("kv-client.wasm")])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, Self.transcript)

        let second = try CLI.run(["run", "-P", "plugin=\(Self.plugin),path=\(database)", CLI.guest("kv-client.wasm")])
        XCTAssertEqual(second.stdout, Self.transcript.replacingOccurrences(of: "runs: 1", with: "runs: 2"), second.stderr)

        // The data is in a real SQLite file: read it back with the sqlite3 tool.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["sqlite3", database, "SELECT value FROM kv WHERE bucket = 'demo' AND key = 'runs'"]
        let output = Pipe()
        sqlite.standardOutput = output
        try sqlite.run()
        sqlite.waitUntilExit()
        XCTAssertEqual(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), "2\n")
    }

    /// The same guest against the Swift plugin (in memory) answers exactly as against SQLite.
    func testTheSwiftPluginGivesTheSameAnswers() throws {
        let swiftPlugin = CLI.executable.deletingLastPathComponent().appendingPathComponent("libSwiftKeyValuePlugin.so").path
        let result = try CLI.run(["run", "-P", "plugin=\(swiftPlugin)", CLI.guest("kv-client.wasm")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, Self.transcript)
    }

    func testBucketsAreSeparate() throws {
        let database = try temporaryDirectory().appendingPathComponent("kv.db").path
        _ = try CLI.run(["run", "-P", "plugin=\(Self.plugin),path=\(database)", CLI.guest("kv-client.wasm"), "one"])
        let other = try CLI.run(["run", "-P", "plugin=\(Self.plugin),path=\(database)", CLI.guest("kv-client.wasm"), "two"])
        XCTAssertTrue(other.stdout.hasPrefix("runs: 1\n"), other.stdout)
    }

    func testThePluginNeedsItsDatabasePath() throws {
        try CLI.run(["run", "-P", "plugin=\(Self.plugin)", CLI.guest("kv-client.wasm")])
            .assertFails(containing: "refused its configuration: needs path=FILE, the SQLite database to keep the data in")
    }

    func testWithoutAPluginTheStoreIsReportedMissing() throws {
        try CLI.run(["run", CLI.guest("kv-client.wasm")])
            .assertFails(containing: "imports wasi:keyvalue/store@0.2.0-draft, which nothing provides: add a plugin with -P")
    }
}
