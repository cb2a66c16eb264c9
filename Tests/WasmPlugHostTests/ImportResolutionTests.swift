import WasmPlugCache
import WasmPlugEngine
import WasmPlugHost
import WasmPlugProvider
import XCTest

final class ImportResolutionTests: XCTestCase {
    func item(_ name: String) -> NamedItem {
        NamedItem(name: name, item: .instance([NamedItem(name: "get", item: .function(FunctionType(parameters: [], result: .u32)))]))
    }

    func testInterfacesDeclaringOnlyTypesNeedNoProvider() {
        let typesOnly = NamedItem(name: "my:pkg/types", item: .instance([NamedItem(name: "point", item: .type(.u32))]))
        let resolution = ImportResolution(imports: [typesOnly], wasi: true)
        XCTAssertEqual(resolution.entries.map(\.provider), [.typesOnly])
        XCTAssertEqual(resolution.missing, [])
    }

    func testWASIInterfacesAreBuiltInAtAnyPatchVersion() {
        XCTAssertTrue(WASIInterfaces.provides("wasi:cli/stdout@0.2.0"))
        XCTAssertTrue(WASIInterfaces.provides("wasi:filesystem/preopens@0.2.6"))
        XCTAssertFalse(WASIInterfaces.provides("wasi:cli/stdout@0.3.0"))
        XCTAssertFalse(WASIInterfaces.provides("wasi:keyvalue/store@0.2.0-draft"))
        XCTAssertFalse(WASIInterfaces.provides("wasi:cli/stdout"))
    }

    func testMissingImportsAreNamedWithWhatToDo() {
        let resolution = ImportResolution(
            imports: [item("wasi:cli/stdout@0.2.0"), item("wasi:keyvalue/store@0.2.0-draft"), item("my:host/api")],
            wasi: true, hostNames: ["my:host/api"])
        XCTAssertEqual(resolution.entries.map(\.provider), [.builtInWASI, .none, .host])
        XCTAssertEqual(resolution.missing, ["wasi:keyvalue/store@0.2.0-draft"])
        XCTAssertThrowsError(try resolution.requireComplete()) { error in
            XCTAssertEqual("\(error)", "imports wasi:keyvalue/store@0.2.0-draft, which nothing provides: add a plugin "
                + "with -P plugin=..., -P component=... or -P import=... (see `wasmplug run -P help`), or run `wasmplug inspect` to see every import")
        }
    }

    /// A WASI 0.3 import is explained as the engine's limit, not blamed on missing plugins,
    /// even when another import is missing too.
    func testAWASI03ImportIsExplainedBeforeAnyOtherMissingImport() {
        XCTAssertTrue(WASIInterfaces.isWASI03("wasi:filesystem/types@0.3.0-rc-2025-09-16"))
        XCTAssertFalse(WASIInterfaces.isWASI03("wasi:filesystem/types@0.2.6"))
        XCTAssertFalse(WASIInterfaces.isWASI03("my:pkg/api@0.3.0"))
        let resolution = ImportResolution(imports: [item("my:pkg/api@1.0.0"), item("wasi:cli/stdout@0.3.0")], wasi: true)
        XCTAssertThrowsError(try resolution.requireComplete()) { error in
            XCTAssertEqual("\(error)", "imports wasi:cli/stdout@0.3.0, a WASI 0.3 interface: " + WASIInterfaces.wasi03Explanation)
            XCTAssertTrue("\(error)".contains("wasm32-wasip2"))
        }
    }

    func testInterfaceNamesSplitIntoParts() {
        let name = InterfaceName("wasi:keyvalue/store@0.2.0-draft")
        XCTAssertEqual(name.namespace, "wasi")
        XCTAssertEqual(name.package, "keyvalue")
        XCTAssertEqual(name.interface, "store")
        XCTAssertEqual(name.version, "0.2.0-draft")
        XCTAssertEqual(name.unversioned, "wasi:keyvalue/store")
    }
}
