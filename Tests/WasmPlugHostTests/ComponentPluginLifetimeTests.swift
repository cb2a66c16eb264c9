import WasmPlugCache
import WasmPlugEngine
import WasmPlugHost
import WasmPlugProvider
import WasmPlugTestSupport
import XCTest

/// A store whose guest is linked to plugin components is freed once nothing outside holds it:
/// the forwarding host functions live inside the store and must not keep it alive.
final class ComponentPluginLifetimeTests: XCTestCase {
    func testAStoreLinkedToPluginComponentsIsFreed() throws {
        let engine = Engine()
        let guest = try Component(engine: engine, bytes: Toolchain.guest("chain-guest.wasm"))
        weak var released: Store?
        try {
            let plugins = try PluginProviders(PluginOptions(parsing: [
                "component=\(Toolchain.guestPath("chain-top.wasm"))", "component=\(Toolchain.guestPath("chain-base.wasm"))",
            ]), engine: engine)
            let store = Store(engine: engine)
            try store.setWASI(WASIConfiguration())
            let linker = Linker(engine: engine)
            try linker.addWASI()
            try plugins.define(guest.type.imports, in: linker, store: store)
            XCTAssertEqual(try linker.instantiate(guest, in: store).function(["answer"])?.call(), .u32(43))
            released = store
        }()
        XCTAssertNil(released, "the store (and the plugin instances in it) should be gone")
    }
}
