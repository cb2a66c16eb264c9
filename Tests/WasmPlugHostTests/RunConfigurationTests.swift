import Foundation
import WasmPlugConfig
import WasmPlugHost
import WasmPlugNative
import WasmPlugProvider
import WasmPlugRPC
import WasmPlugTestSupport
import XCTest

/// Run configuration files: read into the command line's option items, and every bad file
/// refused with one line naming the file and the line.
final class RunConfigurationTests: XCTestCase {
    func read(_ text: String, environment: [String: String] = [:]) throws -> RunConfiguration {
        try RunConfiguration(parsing: text, file: "app.toml", environment: environment)
    }

    /// The error `text` gives, which must name the file and a line.
    func failure(_ text: String, environment: [String: String] = [:]) -> String {
        do {
            _ = try read(text, environment: environment)
            XCTFail("expected an error for: \(text)")
            return ""
        } catch {
            XCTAssertFalse("\(error)".contains("\n"), "one line: \(error)")
            return "\(error)"
        }
    }

    func testEveryTableBecomesTheCommandLinesItems() throws {
        let configuration = try read("""
            # the key-value app
            dirs = ["data::/data"]

            [[plugin]]
            path = "kv.db"          # the plugin's own key, before the kind's key in the file
            plugin = "keyvalue-sqlite"
            isolate = "process"

            [[plugin]]
            component = "kv.wasm"
            trusted = true
            dl-policy = 'policy.toml'

            [[plugin]]
            target = "127.0.0.1:7000"
            import = ["example:log", "example:metrics"]
            timeout = "5s"

            [routes]
            "wasi:nn" = "wrpc+unix:///run/nn.sock"
            "wasi:keyvalue/store" = "keyvalue-sqlite"

            [wasi]
            inherit-env = false

            [wasm]
            fuel = 1_000_000
            timeout = "5s"

            [codegen]
            cache = false

            [env]
            GREETING = "hello, world"
            TOKEN = { env = "HOST_TOKEN" }
            """, environment: ["HOST_TOKEN": "s3cret"])
        XCTAssertEqual(configuration.plugins.map(\.text), [
            "plugin=keyvalue-sqlite,path=kv.db,isolate=process",
            "component=kv.wasm,trusted,dl-policy=policy.toml",
            "protocol=wrpc+tcp,target=127.0.0.1:7000,import=example:log,import=example:metrics,timeout=5s",
            "import=wasi:nn=wrpc+unix:///run/nn.sock",
            "prefer=wasi:keyvalue/store=keyvalue-sqlite",
        ])
        XCTAssertEqual(configuration.plugins.map(\.origin), ["app.toml:4", "app.toml:9", "app.toml:14", "app.toml:20", "app.toml:21"])
        XCTAssertEqual(configuration.wasi.map(\.text), ["inherit-env=n"])
        XCTAssertEqual(configuration.wasm.map(\.text), ["fuel=1000000", "timeout=5s"])
        XCTAssertEqual(configuration.codegen.map(\.text), ["cache=n"])
        XCTAssertEqual(configuration.environment.map(\.text), ["GREETING=hello, world", "TOKEN=s3cret"])
        XCTAssertEqual(configuration.dirs.map(\.text), ["data::/data"])
    }

    func testASecretComesFromAFile() throws {
        let secret = try temporaryDirectory().appendingPathComponent("password").path
        try "from the file\n".write(toFile: secret, atomically: true, encoding: .utf8)
        let configuration = try read("[env]\nPASSWORD = { file = \"\(secret)\" }\n")
        XCTAssertEqual(configuration.environment.map(\.text), ["PASSWORD=from the file"])
    }

    func testEveryBadFileNamesTheFileAndTheLine() {
        let cases: [(String, String)] = [
            ("[wasi]\ninherit-env = yes\n", "app.toml:2: 'yes' is not a value: quote a string"),
            ("[wasi\n", "app.toml:1: a table header ends with ]"),
            ("\n\n[limits]\n", "app.toml:3: unknown table [limits]; the file has [[plugin]], [routes], [wasi], [wasm]"),
            ("verbose = true\n", "app.toml:1: unknown top-level key 'verbose'"),
            ("[[plugin]]\npath = \"kv.db\"\n", "app.toml:1: this [[plugin]] names no plugin"),
            ("[env]\nA = \"1\"\nA = \"2\"\n", "app.toml:3: the key 'A' appears twice in [env]"),
            ("[wasm]\nfuel = 1\n[wasm]\n", "app.toml:3: table [wasm] appears twice"),
            ("[env]\nTOKEN = { env = \"UNSET_VARIABLE\" }\n", "app.toml:2: 'TOKEN' takes its value from the environment variable UNSET_VARIABLE, which is not set"),
            ("[env]\nTOKEN = { vault = \"x\" }\n", "app.toml:2: 'vault' is not a source of a value"),
            ("[env]\nTOKEN = { file = \"/no/such/file\" }\n", "app.toml:2: 'TOKEN' takes its value from the file /no/such/file, which cannot be read"),
            ("[[plugin]]\nplugin = \"kv\"\npath = \"a,b\"\n", "app.toml:3: the value of 'path' in [[plugin]] holds a ','"),
            ("[env]\nA = \"open\n", "app.toml:2: unterminated string"),
            ("[env]\nA = \"\"\"x\"\"\"\n", "app.toml:2: multi-line strings"),
            ("[wasm]\nfuel.max = 1\n", "app.toml:2: dotted keys"),
            ("[wasm]\nfuel = 1 2\n", "app.toml:2: unexpected text after the value of 'fuel'"),
            ("[[plugin]]\nimport = [\"a:b\",\n", "app.toml:2: this array is never closed"),
            ("[wasi]\n= 1\n", "app.toml:2: expected a key"),
            ("[wasi]\ninherit-env\n", "app.toml:2: expected '=' after the key 'inherit-env'"),
        ]
        for (text, expected) in cases {
            let message = failure(text)
            XCTAssertTrue(message.hasPrefix(expected), "for \(text.debugDescription): expected \"\(expected)…\", got \"\(message)\"")
        }
    }

    /// An item the kinds' parsers refuse is reported at the file's line.
    func testAnItemAKindRefusesNamesTheFileAndLine() throws {
        let configuration = try read("[[plugin]]\ncomponent = \"kv.wasm\"\nflavour = \"mint\"\n")
        XCTAssertThrowsError(try PluginOptions(parsing: configuration.plugins)) { error in
            XCTAssertTrue("\(error)".hasPrefix("app.toml:1: -P component=kv.wasm,flavour=mint: unknown option 'flavour=mint'"), "\(error)")
        }
    }
}
