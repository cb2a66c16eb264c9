import Foundation
import WasmPlugComponentPlugins
import WasmPlugEngine
import WasmPlugHost
import WasmPlugNative
import WasmPlugProvider
import WasmPlugRPC
import WasmPlugTestSupport
import WasmPlugWRPC
import XCTest

/// Plugins by name on the search path, one import routed to its own RPC plugin, and the
/// provider chosen when several offer an interface.
final class PluginRoutingTests: XCTestCase {
    static let keyValueLibrary = Toolchain.repository.appendingPathComponent("Plugins/keyvalue-sqlite/build/libkeyvalue_sqlite.so").path
    static let keyValueComponent = Toolchain.repository.appendingPathComponent("Plugins/keyvalue-dl-sqlite/build/keyvalue-dl-sqlite.wasm").path
    static let store = NamedItem(name: "wasi:keyvalue/store@0.2.0-draft", item: .instance([]))

    /// A directory holding a copy of each file, under the names given.
    func pluginDirectory(_ files: [String: String]) throws -> String {
        let directory = try temporaryDirectory()
        for (name, source) in files {
            try FileManager.default.copyItem(atPath: source, toPath: directory.appendingPathComponent(name).path)
        }
        return directory.path
    }

    func testANameIsFoundOnTheSearchPathAndWhatIsNotAPluginIsSkippedWithTheReason() throws {
        let directory = try pluginDirectory([
            "libkeyvalue_sqlite.so": Self.keyValueLibrary, "kv.wasm": Self.keyValueComponent,
            "core.wasm": Toolchain.guestPath("core-module.wasm"), "README": Self.keyValueLibrary,
            "libnotelf.so": Toolchain.pluginPath("libnotelf.so"),
        ])
        let searchPath = PluginSearchPath(directories: [directory, "/no/such/directory"])
        let options = try PluginOptions(parsing: ["plugin=keyvalue-sqlite,path=kv.db", "plugin=kv,trusted"], searchPath: searchPath)
        XCTAssertEqual(options.specifications(of: NativePluginSpecification.self).map(\.text), ["plugin=\(directory)/libkeyvalue_sqlite.so,path=kv.db"])
        XCTAssertEqual(options.specifications(of: ComponentPluginSpecification.self).map(\.path), ["\(directory)/kv.wasm"])
        XCTAssertEqual(options.specifications(of: ComponentPluginSpecification.self).map(\.trusted), [true])

        let catalog = PluginCatalog(scanning: searchPath)
        XCTAssertEqual(catalog.entries.map(\.name), ["kv", "keyvalue-sqlite"])
        XCTAssertEqual(catalog.entries.map(\.kind), [.component, .native])
        XCTAssertEqual(catalog.entries[1].interfaces, ["wasi:keyvalue/store@0.2.0-draft"])
        let reasons = Dictionary(uniqueKeysWithValues: catalog.skipped.map { (URL(fileURLWithPath: $0.file).lastPathComponent, $0.reason) })
        XCTAssertEqual(reasons["README"], "not a plugin file: its name ends in neither .so nor .wasm")
        XCTAssertEqual(reasons["core.wasm"], "not a plugin component: a core module")
        XCTAssertEqual(reasons["directory"], "no such directory")
        XCTAssertTrue(reasons["libnotelf.so"]?.contains("cannot load it as a shared library") == true, "\(reasons)")
    }

    func testAMissingNameAndTwoPluginsWithOneNameAreErrorsNamingTheFiles() throws {
        let first = try pluginDirectory(["libkeyvalue_sqlite.so": Self.keyValueLibrary])
        let second = try pluginDirectory(["libkv-copy.so": Self.keyValueLibrary])
        XCTAssertThrowsError(try PluginOptions(parsing: ["plugin=keyvalue-sqlite"], searchPath: PluginSearchPath(directories: [first, second]))) {
            XCTAssertEqual("\($0)", "-P plugin=keyvalue-sqlite: two plugins are named keyvalue-sqlite, \(first)/libkeyvalue_sqlite.so and "
                + "\(second)/libkv-copy.so; remove one from the search path, or give the file's path")
        }
        XCTAssertThrowsError(try PluginOptions(parsing: ["plugin=nosuch"], searchPath: PluginSearchPath(directories: [first]))) {
            XCTAssertTrue("\($0)".hasPrefix("-P plugin=nosuch: no plugin named nosuch in \(first) "), "\($0)")
        }
    }

    /// `plugin=libkv.so.1` or any other file in the current directory is still that file.
    func testAFileInTheCurrentDirectoryIsNotLookedUp() throws {
        FileManager.default.changeCurrentDirectoryPath(Toolchain.repository.path)
        let options = try PluginOptions(parsing: ["plugin=Package.swift"], searchPath: PluginSearchPath(directories: []))
        XCTAssertEqual(options.specifications(of: NativePluginSpecification.self).map(\.path), ["Package.swift"])
    }

    func testTheSearchPathIsTheVariableThenTheUsersDirectory() {
        XCTAssertEqual(PluginSearchPath.standard(environment: ["WASMPLUG_PLUGIN_PATH": "/a:/b", "HOME": "/home/u"]).directories,
                       ["/a", "/b", "/home/u/.local/share/wasmplug/plugins"])
        XCTAssertEqual(PluginSearchPath.standard(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"]).directories,
                       ["/data/wasmplug/plugins"])
    }

    func testAnImportRoutedToAURLIsItsOwnRPCPluginAndItsPreferredProvider() throws {
        let options = try PluginOptions(parsing: [
            "import=wasi:keyvalue=wrpc+tcp://[::1]:7761", "import=wasi:nn=wrpc+unix:///run/nn.sock,timeout=5s",
            "import=wasi:blobstore=wrpc+nats://127.0.0.1:4222/prod", "import=wasi:config",
        ])
        let rpc = options.specifications(of: RPCPluginSpecification.self)
        XCTAssertEqual(try rpc.map { try $0.rpcTarget() }, [
            .tcp(host: "::1", port: 7761), .unix(path: "/run/nn.sock"), .nats(host: "127.0.0.1", port: 4222, prefix: "prod"), .tcp(host: "::1", port: 7761),
        ])
        XCTAssertEqual(rpc.map(\.imports), [["wasi:keyvalue"], ["wasi:nn"], ["wasi:blobstore"], ["wasi:config"]])
        XCTAssertEqual(rpc[1].timeout, 5)
        XCTAssertEqual(options.preferences.map(\.text), [
            "-P prefer=wasi:keyvalue=wrpc+tcp://[::1]:7761", "-P prefer=wasi:nn=wrpc+unix:///run/nn.sock",
            "-P prefer=wasi:blobstore=wrpc+nats://127.0.0.1:4222/prod",
        ])
        XCTAssertThrowsError(try PluginOptions(parsing: ["import=wasi:nn=http://x"])) {
            XCTAssertEqual("\($0)", "-P import=wasi:nn=http://x: 'http://x': unknown scheme 'http'; use one of wrpc+tcp, wrpc+unix, wrpc+nats")
        }
        XCTAssertThrowsError(try PluginOptions(parsing: ["import=wasi:nn=wrpc+tcp://[::1]:7761,prefix=x"])) {
            XCTAssertTrue("\($0)".contains("'prefix=x' is not an option of a route"), "\($0)")
        }
    }

    /// A route takes the RPC plugin's security options, checked as `-P protocol=` checks them.
    func testARouteTakesTheTLSAndNATSOptionsOfAnRPCPlugin() throws {
        let options = try PluginOptions(parsing: [
            "import=wasi:keyvalue=wrpc+tcp://10.0.0.7:7761,tls-ca=ca.pem,tls-server-name=kv.example",
            "import=wasi:nn=wrpc+nats://127.0.0.1:4222,nats-user=guest,nats-password-env=NN_PASSWORD",
        ])
        let rpc = options.specifications(of: RPCPluginSpecification.self)
        XCTAssertTrue(rpc[0].tls.isConfigured)
        XCTAssertTrue(rpc[1].natsAuthentication.isConfigured)
        XCTAssertThrowsError(try PluginOptions(parsing: ["import=wasi:nn=wrpc+unix:///run/nn.sock,tls-ca=ca.pem"])) {
            XCTAssertTrue("\($0)".contains("the tls-* options are for wrpc+tcp and wrpc+nats"), "\($0)")
        }
        XCTAssertThrowsError(try PluginOptions(parsing: ["import=wasi:nn=wrpc+tcp://[::1]:7761,nats-user=guest"])) {
            XCTAssertTrue("\($0)".contains("the nats-* options are for -P protocol=wrpc+nats"), "\($0)")
        }
    }

    func testTwoOffersAreAConflictUntilAPreferenceChoosesOne() throws {
        let native = NativePlugin(library: try PluginLibrary(path: Self.keyValueLibrary))
        let rpc = RPCPlugin(target: .tcp(host: "::1", port: 7761), imports: ["wasi:keyvalue", "wasi:cli"])
        let conflict = ImportResolution(imports: [Self.store], wasi: true, plugins: [native, rpc])
        XCTAssertThrowsError(try conflict.requireComplete()) {
            XCTAssertTrue("\($0)".hasSuffix("remove all but one of them, or choose one with -P prefer=wasi:keyvalue/store=NAME "
                + "(a plugin's name, or builtin)"), "\($0)")
        }
        for (preference, chosen) in [("wasi:keyvalue=keyvalue-sqlite", native), ("wasi:keyvalue/store=wrpc+tcp://[::1]:7761", rpc)] as [(String, any ImportProvider)] {
            let resolution = ImportResolution(imports: [Self.store], wasi: true, plugins: [native, rpc],
                                              preferences: [try ProviderPreference(parsing: preference)])
            XCTAssertNoThrow(try resolution.requireComplete())
            XCTAssertEqual(resolution.entries.map(\.provider), [.plugin(chosen)], preference)
        }

        let stdout = NamedItem(name: "wasi:cli/stdout@0.2.0", item: .instance([]))
        let builtIn = ImportResolution(imports: [stdout], wasi: true, plugins: [rpc], preferences: [try ProviderPreference(parsing: "wasi:cli=builtin")])
        XCTAssertEqual(builtIn.entries.map(\.provider), [.builtInWASI])

        let wrong = ImportResolution(imports: [Self.store], wasi: true, plugins: [native],
                                     preferences: [try ProviderPreference(parsing: "wasi:keyvalue=builtin")])
        XCTAssertThrowsError(try wrong.requireComplete()) {
            XCTAssertEqual("\($0)", "-P prefer=wasi:keyvalue=builtin: builtin does not serve the import wasi:keyvalue/store@0.2.0-draft "
                + "(it is offered by \(native.description)); name one of those, or `builtin` for WASI 0.2")
        }
        XCTAssertThrowsError(try ProviderPreference(parsing: "keyvalue-sqlite")) {
            XCTAssertTrue("\($0)".hasPrefix("-P prefer=keyvalue-sqlite: write -P prefer=INTERFACE=PLUGIN-NAME"), "\($0)")
        }
    }

    func testAPreferenceMatchesAPackageOrAnInterfaceAndAVersionOnlyWhenItNamesOne() throws {
        let name = "wasi:keyvalue/store@0.2.0-draft"
        XCTAssertTrue(try ProviderPreference(parsing: "wasi:keyvalue=x").applies(to: name))
        XCTAssertTrue(try ProviderPreference(parsing: "wasi:keyvalue/store=x").applies(to: name))
        XCTAssertTrue(try ProviderPreference(parsing: "wasi:keyvalue/store@0.2.0-draft=x").applies(to: name))
        XCTAssertFalse(try ProviderPreference(parsing: "wasi:keyvalue/store@0.2.1=x").applies(to: name))
        XCTAssertFalse(try ProviderPreference(parsing: "wasi:keyvalue/atomics=x").applies(to: name))
        XCTAssertFalse(try ProviderPreference(parsing: "wasi:blobstore=x").applies(to: name))
    }
}
