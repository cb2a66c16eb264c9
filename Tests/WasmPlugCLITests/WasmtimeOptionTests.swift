import Foundation
import WasmPlugTestSupport
import XCTest

/// Wasmtime's own option groups (`-S`, `-W`, `-C`) and `--argv0`, spelled as `wasmtime run`
/// spells them; today's long flags stay as aliases.
final class WasmtimeOptionTests: XCTestCase {
    func testHelpListsEachGroupsKeys() throws {
        let wasi = try CLI.run(["run", "-S", "help"])
        XCTAssertEqual(wasi.status, 0, wasi.stderr)
        for key in ["-S inherit-env", "-S allow-ip-name-lookup", "-S http", "-S cli"] {
            XCTAssertTrue(wasi.stdout.contains(key), "\(key) in: \(wasi.stdout)")
        }
        let limits = try CLI.run(["run", "-W", "help"])
        for key in ["-W fuel=N", "-W timeout=DURATION", "-W max-memory-size=SIZE"] {
            XCTAssertTrue(limits.stdout.contains(key), "\(key) in: \(limits.stdout)")
        }
        XCTAssertTrue(try CLI.run(["run", "-C", "help"]).stdout.contains("-C cache=y|n"))
    }

    func testTheLimitsWorkAsTheLongFlagsDo() throws {
        try CLI.run(["run", "-W", "fuel=100000", "--invoke", "spin()", CLI.guest("spin.wasm")])
            .assertFails(containing: "ran out of fuel", status: 134)
        try CLI.run(["run", "-W", "timeout=300ms", "--invoke", "spin()", CLI.guest("spin.wasm")])
            .assertFails(containing: "and was stopped", status: 134)
        let capped = try CLI.run(["run", "-W", "max-memory-size=1048576", "--invoke", "grow()", CLI.guest("grow.wasm")])
        XCTAssertEqual(capped.stdout, "16\n", capped.stderr)
    }

    func testEveryBadKeyOrValueIsOneLineNamingIt() throws {
        let calc = CLI.guest("calc.wasm")
        let cases: [([String], String)] = [
            (["-S", "nope"], "-S nope: no such option; `-S help` lists them"),
            (["-S", "nn"], "-S nn: Wasmtime has this option, but"),
            (["-S", "http=maybe"], "-S http=maybe: write y or n"),
            (["-S", "allow-ip-name-lookup=2"], "-S allow-ip-name-lookup=2: write y or n"),
            (["-S", "inherit-network"], "-S inherit-network: Wasmtime has this option, but the Wasmtime 50.0.1 C API cannot grant it"),
            (["-S", "udp"], "-S udp: Wasmtime has this option, but the Wasmtime 50.0.1 C API cannot grant it"),
            (["-S", "p3"], "WASI 0.3 needs an engine this runtime does not have yet"),
            (["-S", "inherit-env=maybe"], "-S inherit-env=maybe: write y or n"),
            (["-S", "cli=n"], "cli cannot be turned off"),
            (["-W", "fuel=lots"], "-W fuel=lots: write a whole number of fuel units"),
            (["-W", "fuel"], "-W fuel: give a value, as in -W fuel=1000000"),
            (["-W", "timeout=soon"], "-W timeout 'soon'"),
            (["-W", "max-memory-size=big"], "-W max-memory-size 'big'"),
            (["-W", "max-wasm-stack=1"], "-W max-wasm-stack: Wasmtime has this option, but"),
            (["-C", "cache=maybe"], "-C cache=maybe: write y or n"),
            (["-C", "opt-level=2"], "-C opt-level: Wasmtime has this option, but"),
        ]
        for (options, fragment) in cases {
            try CLI.run(["run"] + options + ["--invoke", "add(1, 2)", calc]).assertFails(containing: fragment)
        }
    }

    func testCommaSeparatedKeysAreEachApplied() throws {
        let result = try CLI.run(["run", "-Sinherit-env,cli", CLI.guest("wasi-program.wasm"), "env", "FROM_HOST"],
                                 environment: ["FROM_HOST": "yes"])
        XCTAssertEqual(result.stdout, "FROM_HOST=yes\n", result.stderr)
    }

    /// WASI 0.3 needs an engine the Wasmtime 50 C API does not have: said plainly, with what to do.
    func testAComponentImportingWASI03IsToldToBuildForWASI02() throws {
        try CLI.run(["run", "--invoke", "answer()", CLI.guest("wasi03-import.wasm")])
            .assertFails(containing: "imports wasi:cli/environment@0.3.0, a WASI 0.3 interface: WASI 0.3 needs an engine this runtime does not have yet")
        let inspected = try CLI.run(["inspect", CLI.guest("wasi03-import.wasm")])
        XCTAssertTrue(inspected.stdout.contains("NOT PROVIDED: WASI 0.3 needs an engine this runtime does not have yet"), inspected.stdout)
    }
}
