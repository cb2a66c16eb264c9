import Foundation
import WasmPlugTestSupport
import XCTest

/// Plugin components (`-P component=`): linked into the guest's store, chained, and given
/// wasi:dl and typed native imports only when trusted. The end-to-end proof is kv-client.wasm
/// over Plugins/keyvalue-dl-sqlite, a Python component that calls the host's libsqlite3 through
/// typed native imports.
final class ComponentPluginTests: XCTestCase {
    static let pluginDirectory = Toolchain.repository.appendingPathComponent("Plugins/keyvalue-dl-sqlite")
    static let plugin = pluginDirectory.appendingPathComponent("build/keyvalue-dl-sqlite.wasm").path
    static let policy = pluginDirectory.appendingPathComponent("policy.toml").path
    static let trusted = "component=\(plugin),trusted,dl-policy=\(policy)"

    func testKeyValueOverLibSQLiteThroughTypedNativeImportsPrintsTheTranscript() throws {
        let result = try CLI.run(["run", "-P", Self.trusted, CLI.guest("kv-client.wasm")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, KeyValuePluginTests.transcript)
    }

    /// KEYVALUE_SQLITE_PATH (from --env: the plugin shares the guest's WASI context) names the
    /// database file, which the native plugin reads just the same.
    func testTheDatabaseFilePersistsAndTheNativePluginReadsIt() throws {
        let database = try temporaryDirectory().appendingPathComponent("kv.db").path
        let arguments = ["run", "-P", Self.trusted, "--env", "KEYVALUE_SQLITE_PATH=\(database)", CLI.guest("kv-client.wasm")]
        XCTAssertEqual(try CLI.run(arguments).stdout, KeyValuePluginTests.transcript)
        let second = try CLI.run(arguments)
        XCTAssertEqual(second.stdout, KeyValuePluginTests.transcript.replacingOccurrences(of: "runs: 1", with: "runs: 2"), second.stderr)
        let native = try CLI.run(["run", "-P", "plugin=\(KeyValuePluginTests.plugin),path=\(database)", CLI.guest("kv-client.wasm")])
        XCTAssertTrue(native.stdout.hasPrefix("runs: 3\n"), native.stdout + native.stderr)
    }

    func testAnUntrustedPluginComponentThatImportsWASIDLIsRefused() throws {
        try CLI.run(["run", "-P", "component=\(Self.plugin)", CLI.guest("kv-client.wasm")])
            .assertFails(containing: "-P component=\(Self.plugin): it imports wasi:dl/dl@0.1.0-draft, which only a trusted "
                + "plugin component gets: add ,trusted")
    }

    func testAGuestThatImportsWASIDLIsRefused() throws {
        try CLI.run(["run", "--invoke", "run()", CLI.guest("dl-smoke.wasm")])
            .assertFails(containing: "the guest imports wasi:dl/dl@0.1.0-draft, which only trusted plugin components get")
    }

    /// The component's SQLite calls are typed native imports: a policy that does not bind them,
    /// or binds a symbol it does not allow, stops the run before the guest starts, naming the import.
    func testAPolicyViolationStopsTheRunNamingTheImport() throws {
        try CLI.run(["run", "-P", "component=\(Self.plugin),trusted", "--invoke", "try-open(\"demo\")", CLI.guest("kv-probe.wasm")])
            .assertFails(containing: "-P component=\(Self.plugin): imports wasmplug:keyvalue-dl-sqlite/sqlite@0.1.0, which nothing provides")

        let narrow = try temporaryDirectory().appendingPathComponent("narrow.toml")
        let allowed = try String(contentsOfFile: Self.policy, encoding: .utf8).split(separator: "\n")
            .map { $0.hasPrefix("symbols = ") ? "symbols = [\"sqlite3_open_v2\"]" : String($0) }
        try allowed.joined(separator: "\n").write(to: narrow, atomically: true, encoding: .utf8)
        try CLI.run(["run", "-P", "component=\(Self.plugin),trusted,dl-policy=\(narrow.path)", "--invoke", "try-open(\"demo\")",
                     CLI.guest("kv-probe.wasm")])
            .assertFails(containing: "wasmplug:keyvalue-dl-sqlite/sqlite@0.1.0#exec: symbol sqlite3_exec of libsqlite3.so.0 is not "
                + "in the dl policy (\(narrow.path) allows: sqlite3_open_v2)")
    }

    /// A binding whose C signature the component's WIT type does not match is refused when linking.
    func testABindingOfTheWrongTypeNamesBothTypes() throws {
        let wrong = try temporaryDirectory().appendingPathComponent("wrong.toml")
        try String(contentsOfFile: Self.policy, encoding: .utf8)
            .replacingOccurrences(of: "sqlite3_step: sint32(pointer)", with: "sqlite3_step: sint64(pointer)")
            .write(to: wrong, atomically: true, encoding: .utf8)
        try CLI.run(["run", "-P", "component=\(Self.plugin),trusted,dl-policy=\(wrong.path)", CLI.guest("kv-client.wasm")])
            .assertFails(containing: "wasmplug:keyvalue-dl-sqlite/sqlite@0.1.0#step: the component imports it as "
                + "func(statement: u64) -> s32, which does not match the C signature sint64(pointer) of sqlite3_step in "
                + "libsqlite3.so.0 (the result: sint64 cannot be returned as s32)")
    }

    func testATypeMismatchNamesBothTypes() throws {
        let mismatch = CLI.guest("chain-mismatch.wasm")
        try CLI.run(["run", "-P", "component=\(mismatch)", "--invoke", "answer()", CLI.guest("chain-guest.wasm")])
            .assertFails(containing: "plugin component \(mismatch) exports wasmplug:chain/top@0.1.0 answer as func() -> u64, "
                + "but the guest imports it as func() -> u32")
    }

    /// chain-guest imports top from chain-top, which imports base from chain-base: given in
    /// either order, they are instantiated base first.
    func testPluginComponentsChain() throws {
        for order in [["chain-top.wasm", "chain-base.wasm"], ["chain-base.wasm", "chain-top.wasm"]] {
            let plugins = order.flatMap { ["-P", "component=\(CLI.guest($0))"] }
            let result = try CLI.run(["run"] + plugins + ["--invoke", "answer()", CLI.guest("chain-guest.wasm")])
            XCTAssertEqual(result.stdout, "43\n", result.stderr)
        }
    }

    func testAPluginComponentWithAnImportNothingProvidesIsNamed() throws {
        let top = CLI.guest("chain-top.wasm")
        try CLI.run(["run", "-P", "component=\(top)", "--invoke", "answer()", CLI.guest("chain-guest.wasm")])
            .assertFails(containing: "-P component=\(top): imports wasmplug:chain/base@0.1.0, which nothing provides")
    }

    func testACycleIsReported() throws {
        let top = CLI.guest("chain-top.wasm"), loop = CLI.guest("chain-loop.wasm")
        try CLI.run(["run", "-P", "component=\(top)", "-P", "component=\(loop)", "--invoke", "answer()", CLI.guest("chain-guest.wasm")])
            .assertFails(containing: "plugin components import from each other in a cycle (\(top) → \(loop) → \(top))")
    }

    func testOptionsAreChecked() throws {
        try CLI.run(["run", "-P", "component=\(Self.plugin),dl-policy=\(Self.policy)", CLI.guest("kv-client.wasm")])
            .assertFails(containing: "dl-policy= only applies to a trusted component; add ,trusted")
        try CLI.run(["run", "-P", "component=\(Self.plugin),trust", CLI.guest("kv-client.wasm")])
            .assertFails(containing: "unknown option 'trust'; a plugin component takes trusted and dl-policy=FILE")
    }
}
