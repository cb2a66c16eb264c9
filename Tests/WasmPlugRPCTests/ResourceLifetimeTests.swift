import Foundation
import WasmPlugEngine
import WasmPlugNative
import WasmPlugTestSupport
import XCTest

/// The rules that free resources a server handed to callers that never drop them (real wRPC
/// clients never do), with the C echo plugin's counters, whose live count the plugin keeps.
final class ResourceLifetimeTests: XCTestCase {
    static let host = "wasmplug:test/host@0.1.0"

    private func echoHost(_ rules: ResourceHandleRules) throws -> NativePluginHost {
        try NativePluginHost(plugin: NativePlugin(library: try PluginLibrary(path: Toolchain.pluginPath("libecho.so"))), resourceRules: rules)
    }

    private func newCounter(_ host: NativePluginHost) throws -> Value {
        try XCTUnwrap(try host.call(interface: Self.host, function: "[constructor]counter", arguments: [.u32(0)]).first)
    }

    private func increment(_ host: NativePluginHost, _ counter: Value) throws -> [Value] {
        try host.call(interface: Self.host, function: "[method]counter.increment", arguments: [counter])
    }

    func testOneHandleMoreThanTheLimitFreesTheLeastRecentlyUsed() throws {
        let before = liveCounters()
        let host = try echoHost(ResourceHandleRules(limit: 2, idleTimeout: .seconds(600)))
        let first = try newCounter(host), second = try newCounter(host)
        XCTAssertEqual(try increment(host, first), [.u32(1)])  // now `second` is the least recently used
        let third = try newCounter(host)
        XCTAssertEqual(liveCounters(), before + 2, "the plugin's destructor ran for the counter freed")
        XCTAssertThrowsError(try increment(host, second)) { error in
            XCTAssertTrue("\(error)".contains("unknown resource handle: never handed out, dropped, or freed"), "\(error)")
            XCTAssertTrue("\(error)".contains("the least recently used of 2 live handles); create the resource again"), "\(error)")
        }
        XCTAssertEqual(try increment(host, first), [.u32(2)], "the handles in use are kept")
        XCTAssertEqual(try increment(host, third), [.u32(1)])
    }

    func testHandlesUnusedForTheIdleTimeoutAreFreed() throws {
        let before = liveCounters()
        let host = try echoHost(ResourceHandleRules(limit: 100, idleTimeout: .milliseconds(200)))
        let counters = try (0..<3).map { _ in try newCounter(host) }
        XCTAssertEqual(liveCounters(), before + 3)
        usleep(400_000)
        XCTAssertEqual(try host.call(interface: Self.host, function: "echo-u8", arguments: [.u8(7)]), [.u8(7)])
        XCTAssertEqual(liveCounters(), before, "the next call freed the idle counters")
        XCTAssertThrowsError(try increment(host, counters[0])) { error in
            XCTAssertTrue("\(error)".contains("unused for 200ms"), "\(error)")
        }
    }
}
