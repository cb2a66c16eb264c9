import WasmPlugEngine
import WasmPlugNative
import WasmPlugTestSupport
import XCTest

/// hostile.wasm, hand-written in WAT, sends the echo plugin invalid data. Each attempt must
/// trap before the plugin sees it, leave the plugin's state intact, and leak nothing.
final class HostileGuestTests: XCTestCase {
    static let engine = Engine()
    static let component: Component = try! Component(engine: engine, bytes: Toolchain.guest("hostile.wasm"))

    /// Calls `export` `times` times in a fresh store (a trap leaves an instance unusable, by design).
    func call(_ export: String, times: Int = 1) throws -> Value? {
        let plugin = NativePlugin(library: try PluginLibrary(path: Toolchain.pluginPath("libecho.so")))
        let linker = Linker(engine: Self.engine)
        for item in Self.component.type.imports { try plugin.define(item, in: linker) }
        let store = Store(engine: Self.engine)
        try plugin.attach(to: store)
        let function = try linker.instantiate(Self.component, in: store).function([export])!
        for _ in 1..<times { try function.call() }
        return try function.call()
    }

    func assertTraps(_ export: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try call(export), file: file, line: line) { error in
            XCTAssertEqual((error as? WasmtimeError)?.kind, .trap, file: file, line: line)
            XCTAssertTrue("\(error)".contains(message), "\(error)", file: file, line: line)
        }
    }

    func testInvalidDataFromTheGuestTrapsAndTheHostAndPluginStayIntact() throws {
        let states = NativePluginTests.liveCount("echo_plugin_live_states")
        let counters = NativePluginTests.liveCount("echo_plugin_live_counters")

        assertTraps("out-of-bounds", "string pointer/length out of bounds of memory")
        assertTraps("huge-length", "string pointer/length out of bounds of memory")
        assertTraps("invalid-utf8", "invalid utf-8")
        assertTraps("bad-discriminant", "discriminant 7 out of range")
        assertTraps("forged-handle", "unknown handle index 99")
        assertTraps("dropped-handle", "unknown handle index")

        XCTAssertEqual(try call("valid"), .u32(41), "the plugin still serves a well-behaved call")
        XCTAssertEqual(NativePluginTests.liveCount("echo_plugin_live_states"), states, "every store's state was destroyed")
        XCTAssertEqual(NativePluginTests.liveCount("echo_plugin_live_counters"), counters, "every counter was dropped")
    }

    func testResourcesTheGuestNeverDropsAreDroppedWithTheStore() throws {
        let counters = NativePluginTests.liveCount("echo_plugin_live_counters")
        _ = try call("hoard", times: 3)
        XCTAssertEqual(NativePluginTests.liveCount("echo_plugin_live_counters"), counters,
                       "the plugin's drop ran for each of the three counters when the store went away")
    }
}
