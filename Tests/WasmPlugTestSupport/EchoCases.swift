import WasmPlugEngine

/// Values of every kind with the `wasmplug:test/echo` function that echoes each, for the
/// round-trip tests through host-roundtrip.wasm (whatever serves its `host` import).
public enum EchoCases {
    public static let echoInterface = "wasmplug:test/echo@0.1.0"
    public static let hostInterface = "wasmplug:test/host@0.1.0"

    public static var all: [(function: String, value: Value)] {
        let point = Value.record(["x": .s32(-3), "y": .s32(9), "label": .string("ü")])
        return [
            ("echo-bool", .bool(true)), ("echo-s8", .s8(-128)), ("echo-u8", .u8(255)),
            ("echo-s16", .s16(-32768)), ("echo-u16", .u16(65535)), ("echo-s32", .s32(.min)),
            ("echo-u32", .u32(.max)), ("echo-s64", .s64(.min)), ("echo-u64", .u64(.max)),
            ("echo-f32", .f32(1.5)), ("echo-f64", .f64(-0.125)), ("echo-char", .char("🎉")),
            ("echo-string", .string("héllo, 世界 🎉")), ("echo-string", .string("")),
            ("echo-list", .list([.u32(1), .u32(2), .u32(3)])), ("echo-list", .list([])),
            ("echo-shape", .record(["name": .string("tri"), "corners": .list([point, point]), "origin": .option(point)])),
            ("echo-shape", .record(["name": .string("dot"), "corners": .list([]), "origin": .option(nil)])),
            ("echo-event", .variant("click", point)), ("echo-event", .variant("quit", nil)),
            ("echo-event", .variant("key", .char("k"))),
            ("echo-event", .variant("resize", .tuple([.u32(640), .u32(480)]))),
            ("echo-color", .enumCase("blue")), ("echo-perms", .flags(["read", "exec"])), ("echo-perms", .flags([])),
            ("echo-option", .option(.string("x"))), ("echo-option", .option(nil)),
            ("echo-result", .ok(.u32(7))), ("echo-result", .err(.string("bad"))),
            ("echo-tuple", .tuple([.u8(1), .string("two"), .f64(3.5)])),
        ]
    }

    /// A mebibyte of bytes, for the large-list case.
    public static var mebibyte: Value {
        .list((0..<(1 << 20)).map { .u8(UInt8(truncatingIfNeeded: $0 &* 31)) })
    }
}
