import WasmPlugEngine
import WasmPlugNATS
import WasmPlugWRPC
import XCTest

/// The names and handles on the wire, byte for byte as upstream wRPC (v0.17.0 and its head)
/// spells them: `rpc_func_name` in `crates/introspect` and `crates/runtime-wasmtime` strips the
/// component model's `[constructor]`, `[method]` and `[static]`; `invocation_subject` in
/// `crates/transport-nats` joins `[prefix.]wrpc.0.0.1.<instance>.<function>`; a resource is a
/// `list<u8>` (`SPEC.md`, "Resources"), 16 bytes for the resources wrpc-runtime-wasmtime serves.
final class WireNameTests: XCTestCase {
    static let store = "wasi:keyvalue/store@0.2.0-draft"  // 31 bytes
    static let host = "wasmplug:test/host@0.1.0"           // 24 bytes

    func testResourceFunctionsLoseTheirComponentModelPrefix() {
        XCTAssertEqual(WRPCName.function("open"), "open")
        XCTAssertEqual(WRPCName.function("[method]bucket.get"), "bucket.get")
        XCTAssertEqual(WRPCName.function("[constructor]counter"), "counter")
        XCTAssertEqual(WRPCName.function("[static]canvas.merge"), "canvas.merge")
        XCTAssertEqual(WRPCName.function("[resource-drop]bucket"), "[resource-drop]bucket", "wasmplug's own call keeps its name")
    }

    func testTheHeaderOfAPlainFunction() {
        XCTAssertEqual(WRPCFraming.header(instance: Self.store, function: WRPCName.function("open")),
                       [0x00, 0x1f] + Array(Self.store.utf8) + [0x04, 0x6f, 0x70, 0x65, 0x6e])
    }

    func testTheHeaderOfAMethod() {
        XCTAssertEqual(WRPCFraming.header(instance: Self.store, function: WRPCName.function("[method]bucket.get")),
                       [0x00, 0x1f] + Array(Self.store.utf8) + [0x0a, 0x62, 0x75, 0x63, 0x6b, 0x65, 0x74, 0x2e, 0x67, 0x65, 0x74])
    }

    func testTheHeaderOfAConstructor() {
        XCTAssertEqual(WRPCFraming.header(instance: Self.host, function: WRPCName.function("[constructor]counter")),
                       [0x00, 0x18] + Array(Self.host.utf8) + [0x07, 0x63, 0x6f, 0x75, 0x6e, 0x74, 0x65, 0x72])
    }

    func testTheHeaderOfAStaticFunction() {
        XCTAssertEqual(WRPCFraming.header(instance: Self.host, function: WRPCName.function("[static]canvas.merge")),
                       [0x00, 0x18] + Array(Self.host.utf8) + [0x0c] + Array("canvas.merge".utf8))
    }

    func testNATSSubjects() {
        let subject = { (prefix: String?, instance: String, function: String) in
            WRPCSubjects.invocation(prefix: prefix, instance: instance, function: WRPCName.function(function))
        }
        XCTAssertEqual(subject(nil, Self.store, "open"), "wrpc.0.0.1.wasi:keyvalue/store@0.2.0-draft.open")
        XCTAssertEqual(subject("prod", Self.store, "[method]bucket.get"), "prod.wrpc.0.0.1.wasi:keyvalue/store@0.2.0-draft.bucket.get")
        XCTAssertEqual(subject(nil, Self.host, "[constructor]counter"), "wrpc.0.0.1.wasmplug:test/host@0.1.0.counter")
        XCTAssertEqual(subject(nil, Self.host, "[static]canvas.merge"), "wrpc.0.0.1.wasmplug:test/host@0.1.0.canvas.merge")
        XCTAssertEqual(subject(nil, "", "hello"), "wrpc.0.0.1.hello", "a bare function has no instance token")
    }

    /// A handle is a `list<u8>`: its length as LEB128, then the bytes. Upstream reads the
    /// handles of the resources it serves as exactly 16 bytes (a UUID), the size wasmplug's
    /// servers hand out.
    func testAResourceHandleIsAListOfBytes() throws {
        let handle = (0..<16).map { UInt8($0 * 17) }
        var bytes: [UInt8] = []
        try WRPCEncoder.encode(.list(handle.map(Value.u8)), as: .list(.u8), into: &bytes)
        XCTAssertEqual(bytes, [0x10, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff])
        // `bucket.get(self, key)`: the handle, then the string.
        var call: [UInt8] = []
        try WRPCEncoder.encode(.list(handle.map(Value.u8)), as: .list(.u8), into: &call)
        try WRPCEncoder.encode(.string("k"), as: .string, into: &call)
        XCTAssertEqual(call, bytes + [0x01, 0x6b])
    }
}
