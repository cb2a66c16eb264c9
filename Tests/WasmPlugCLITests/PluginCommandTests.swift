import WasmPlugTestSupport
import XCTest

/// `-P plugin=` on `run`, and `wasmplug plugin inspect`.
final class PluginCommandTests: XCTestCase {
    let echo = Toolchain.pluginPath("libecho.so")

    func testANativePluginServesTheGuestsImport() throws {
        let result = try CLI.run(["run", "-P", "plugin=\(echo)", "--invoke",
                                  #"echo-shape({name: "tri", corners: [{x: 1, y: -2, label: "ü"}], origin: none})"#,
                                  CLI.guest("host-roundtrip.wasm")])
        XCTAssertEqual(result.stdout, "{name: \"tri\", corners: [{x: 1, y: -2, label: \"ü\"}], origin: none}\n", result.stderr)
        let counter = try CLI.run(["run", "-P", "plugin=\(echo)", "--invoke", "use-counter(5, 3)", CLI.guest("host-roundtrip.wasm")])
        XCTAssertEqual(counter.stdout, "8\n", counter.stderr)
    }

    func testInspectShowsThePluginAsTheProvider() throws {
        let result = try CLI.run(["inspect", "-P", "plugin=\(echo)", CLI.guest("host-roundtrip.wasm")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("import wasmplug:test/host@0.1.0: interface {  // provided: native plugin echo"), result.stdout)
    }

    func testAPluginErrorIsATrapWithItsMessage() throws {
        try CLI.run(["run", "-P", "plugin=\(echo)", "--invoke", #"echo-string("please fail")"#, CLI.guest("host-roundtrip.wasm")])
            .assertFails(containing: "plugin echo: wasmplug:test/host@0.1.0#echo-string failed: asked to fail", status: 134)
    }

    func testPluginConfigurationReachesThePlugin() throws {
        try CLI.run(["run", "-P", "plugin=\(echo),refuse=yes", "--invoke", "echo-u8(1)", CLI.guest("host-roundtrip.wasm")])
            .assertFails(containing: "refused its configuration: configured with refuse=...")
    }

    func testTwoProvidersForOneImportIsAnError() throws {
        try CLI.run(["run", "-P", "plugin=\(echo)", "-P", "plugin=\(echo)", "--invoke", "echo-u8(1)", CLI.guest("host-roundtrip.wasm")])
            .assertFails(containing: "import wasmplug:test/host@0.1.0 is offered by native plugin echo")
    }

    func testBadPluginOptionsAndLibraries() throws {
        try CLI.run(["run", "-P", "lib=./x.so", CLI.guest("calc.wasm")]).assertFails(containing: "unknown option 'lib'; a plugin is -P plugin=PATH")
        try CLI.run(["run", "-P", "plugin=\(echo),novalue", CLI.guest("calc.wasm")]).assertFails(containing: "'novalue' is not key=value")
        try CLI.run(["run", "-P", "plugin=\(Toolchain.pluginPath("libnotelf.so"))", CLI.guest("calc.wasm")])
            .assertFails(containing: "cannot load it as a shared library")
    }

    func testATypeMismatchBetweenPluginAndGuestNamesBothSides() throws {
        try CLI.run(["run", "-P", "plugin=\(Toolchain.pluginPath("libbenchmismatch.so"))", "--invoke", "call-f(3)", CLI.guest("bench.wasm")])
            .assertFails(containing: "wasmplug:bench/host@0.1.0#f does not match the guest's import: "
                + "the guest imports func(x: u32) -> u32, the plugin's WIT declares f: func(x: u64) -> u64")
        let matching = try CLI.run(["run", "-P", "plugin=\(Toolchain.pluginPath("libbench.so"))", "--invoke", "call-f(3)", CLI.guest("bench.wasm")])
        XCTAssertEqual(matching.stdout, "6\n", matching.stderr)
    }

    func testPluginHelpListsEveryPluginOption() throws {
        let result = try CLI.run(["run", "-P", "help"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("-P plugin=PATH[,KEY=VALUE...]"), result.stdout)
        XCTAssertTrue(result.stdout.contains("wasmplug plugin inspect PATH"), result.stdout)
        XCTAssertNotEqual(try CLI.run(["run"]).status, 0, "without -P help, the component is still required")
    }

    func testPluginInspectShowsWhatTheLibraryDeclares() throws {
        let result = try CLI.run(["plugin", "inspect", echo])
        XCTAssertEqual(result.status, 0, result.stderr)
        for line in ["plugin echo 0.1.0", "  ABI:         v1", "  world:       echo-plugin",
                     "    wasmplug:test/host@0.1.0#echo-shape", "    wasmplug:test/host@0.1.0#counter",
                     "    refuse: refuse to create state (for tests)", "    world echo-plugin {"] {
            XCTAssertTrue(result.stdout.contains(line + "\n"), "missing \"\(line)\" in:\n\(result.stdout)")
        }
    }

    func testPluginInspectRefusesMalformedLibraries() throws {
        try CLI.run(["plugin", "inspect", Toolchain.pluginPath("libnosymbol.so")]).assertFails(containing: "is not a WasmPlug plugin")
        try CLI.run(["plugin", "inspect", Toolchain.pluginPath("libfutureabi.so")]).assertFails(containing: "needs plugin ABI v99")
        try CLI.run(["plugin", "inspect", "/no/such.so"]).assertFails(containing: "no such file")
    }
}
