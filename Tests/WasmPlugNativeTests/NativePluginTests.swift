import Foundation
import WasmPlugEngine
import WasmPlugNative
import WasmPlugTestSupport
import XCTest

/// host-roundtrip.wasm's `wasmplug:test/host` import served by the C echo plugin: every
/// value kind crosses guest → engine → native layout → plugin → native layout → guest.
final class NativePluginTests: XCTestCase {
    static let component: Component = try! Component(engine: engine, bytes: Toolchain.guest("host-roundtrip.wasm"))
    static let engine = Engine()

    /// The echo plugin's counters of live states and counters, read through its symbols.
    static func liveCount(_ symbol: String) -> Int32 {
        let handle = dlopen(Toolchain.pluginPath("libecho.so"), RTLD_NOW | RTLD_LOCAL)!
        return dlsym(handle, symbol)!.assumingMemoryBound(to: Int32.self).pointee
    }

    static func makeLinker(configuration: [(key: String, value: String)] = []) throws -> (Linker, NativePlugin) {
        let plugin = NativePlugin(library: try PluginLibrary(path: Toolchain.pluginPath("libecho.so")), configuration: configuration)
        let linker = Linker(engine: Self.engine)
        try linker.addWASI()
        for item in Self.component.type.imports {
            if plugin.interface(serving: item.name) != nil {
                try plugin.define(item, in: linker)
            } else if item.name.hasPrefix("wasmplug:test/types") {
                try linker.define(instance: item.name) { _ in }
            }
        }
        return (linker, plugin)
    }

    static func makeInstance() throws -> Instance {
        let (linker, plugin) = try makeLinker()
        let store = Store(engine: Self.engine)
        try plugin.attach(to: store)
        return try linker.instantiate(Self.component, in: store)
    }

    func testEveryValueKindRoundTripsThroughTheNativeABI() throws {
        let instance = try Self.makeInstance()
        for (name, value) in EchoCases.all {
            let function = try XCTUnwrap(instance.function([EchoCases.echoInterface, name]), name)
            XCTAssertEqual(try function.call([value]), value, name)
        }
    }

    func testAOneMebibyteListRoundTrips() throws {
        let function = try XCTUnwrap(try Self.makeInstance().function([EchoCases.echoInterface, "echo-bytes"]))
        XCTAssertEqual(try function.call([EchoCases.mebibyte]), EchoCases.mebibyte)
    }

    func testAPluginErrorTrapsWithItsMessage() throws {
        let function = try XCTUnwrap(try Self.makeInstance().function([EchoCases.echoInterface, "echo-string"]))
        XCTAssertThrowsError(try function.call([.string("please fail")])) { error in
            XCTAssertTrue("\(error)".contains("plugin echo: wasmplug:test/host@0.1.0#echo-string failed: asked to fail"), "\(error)")
        }
    }

    func testPluginResourcesAreCreatedBorrowedAndDropped() throws {
        let before = Self.liveCount("echo_plugin_live_counters")
        let use = try XCTUnwrap(try Self.makeInstance().function(["wasmplug:test/resources@0.1.0", "use-counter"]))
        XCTAssertEqual(try use.call([.u32(5), .u32(3)]), .u32(8))
        XCTAssertEqual(try use.call([.u32(100), .u32(1)]), .u32(101))
        XCTAssertEqual(Self.liveCount("echo_plugin_live_counters"), before, "the guest dropped both counters")
    }

    func testStateIsCreatedPerStoreAndDestroyedWithIt() throws {
        let (linker, plugin) = try Self.makeLinker()
        let before = Self.liveCount("echo_plugin_live_states")
        for _ in 0..<10_000 {
            let store = Store(engine: Self.engine)
            try plugin.attach(to: store)
            XCTAssertEqual(Self.liveCount("echo_plugin_live_states"), before + 1)
        }
        XCTAssertEqual(Self.liveCount("echo_plugin_live_states"), before, "no state leaked over 10,000 stores")
        _ = linker
    }

    func testAPluginCanRefuseItsConfiguration() throws {
        let (_, plugin) = try Self.makeLinker(configuration: [("refuse", "yes")])
        XCTAssertThrowsError(try plugin.attach(to: Store(engine: Self.engine))) { error in
            XCTAssertTrue("\(error)".hasSuffix("refused its configuration: configured with refuse=..."), "\(error)")
        }
    }

    func testAStoreWithoutThePluginsStateTrapsInsteadOfCrashing() throws {
        let (linker, _) = try Self.makeLinker()
        let instance = try linker.instantiate(Self.component, in: Store(engine: Self.engine))
        XCTAssertThrowsError(try instance.function([EchoCases.echoInterface, "echo-u8"])!.call([.u8(1)])) { error in
            XCTAssertTrue("\(error)".contains("was not attached to this store"), "\(error)")
        }
    }
}

/// Several stores on several threads call the same plugin at once. The echo plugin is not
/// thread-safe (it keeps global counters), so the runtime must serialize its calls.
final class ConcurrentPluginTests: XCTestCase {
    func testStoresOnSeveralThreadsGetCorrectResults() throws {
        let states = NativePluginTests.liveCount("echo_plugin_live_states")
        let failures = FailureLog()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            do {
                let instance = try NativePluginTests.makeInstance()
                let echo = instance.function([EchoCases.echoInterface, "echo-string"])!
                let use = instance.function(["wasmplug:test/resources@0.1.0", "use-counter"])!
                for round in 0..<200 {
                    let text = "thread \(thread) round \(round) ü"
                    if try echo.call([.string(text)]) != .string(text) { failures.add("echo on thread \(thread)") }
                    if try use.call([.u32(UInt32(round)), .u32(2)]) != .u32(UInt32(round) + 2) { failures.add("counter on thread \(thread)") }
                }
            } catch {
                failures.add("thread \(thread): \(error)")
            }
        }
        XCTAssertEqual(failures.messages, [])
        XCTAssertEqual(NativePluginTests.liveCount("echo_plugin_live_states"), states, "every store's state was destroyed")
    }
}

/// Failures collected from several threads.
final class FailureLog: @unchecked Sendable {
    // Safe to share: `messages` is only touched under `lock`.
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ message: String) { lock.lock(); list.append(message); lock.unlock() }
    var messages: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
