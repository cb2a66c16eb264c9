import WasmPlugEngine
import WasmPlugWRPC
import XCTest

/// Byte vectors worked out by hand from the value definition grammar of the component model's
/// `Binary.md` (which wRPC's `SPEC.md` adopts) and from LEB128 as core WebAssembly defines it.
final class GoldenTests: XCTestCase {
    /// Encodes `value`, compares with `bytes`, and decodes `bytes` back to `value`.
    private func assertGolden(
        _ value: Value, _ type: ValueType, _ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line
    ) throws {
        var buffer: [UInt8] = []
        try WRPCEncoder.encode(value, as: type, into: &buffer)
        XCTAssertEqual(buffer, bytes, "encoding \(value) as \(type)", file: file, line: line)
        var offset = 0
        let decoded = try WRPCDecoder().decode(type, from: bytes, at: &offset)
        XCTAssertEqual(decoded, value, "decoding \(bytes) as \(type)", file: file, line: line)
        XCTAssertEqual(offset, bytes.count, "bytes consumed", file: file, line: line)
    }

    func testBool() throws {
        try assertGolden(.bool(false), .bool, [0x00])
        try assertGolden(.bool(true), .bool, [0x01])
    }

    /// u8 and s8 are single raw bytes (`core:byte`), not LEB128.
    func testEightBitIntegersAreRawBytes() throws {
        try assertGolden(.u8(0), .u8, [0x00])
        try assertGolden(.u8(200), .u8, [0xC8])
        try assertGolden(.u8(255), .u8, [0xFF])
        try assertGolden(.s8(-1), .s8, [0xFF])
        try assertGolden(.s8(-128), .s8, [0x80])
        try assertGolden(.s8(127), .s8, [0x7F])
    }

    func testUnsignedLEB128() throws {
        try assertGolden(.u16(0), .u16, [0x00])
        try assertGolden(.u16(300), .u16, [0xAC, 0x02])
        try assertGolden(.u16(.max), .u16, [0xFF, 0xFF, 0x03])
        try assertGolden(.u32(127), .u32, [0x7F])
        try assertGolden(.u32(128), .u32, [0x80, 0x01])
        try assertGolden(.u32(300), .u32, [0xAC, 0x02])
        try assertGolden(.u32(.max), .u32, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        try assertGolden(.u64(.max), .u64, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    }

    func testSignedLEB128() throws {
        try assertGolden(.s16(-129), .s16, [0xFF, 0x7E])
        try assertGolden(.s16(.min), .s16, [0x80, 0x80, 0x7E])
        try assertGolden(.s32(-1), .s32, [0x7F])
        try assertGolden(.s32(63), .s32, [0x3F])
        try assertGolden(.s32(64), .s32, [0xC0, 0x00])
        try assertGolden(.s32(-64), .s32, [0x40])
        try assertGolden(.s32(-65), .s32, [0xBF, 0x7F])
        try assertGolden(.s32(.min), .s32, [0x80, 0x80, 0x80, 0x80, 0x78])
        try assertGolden(.s32(.max), .s32, [0xFF, 0xFF, 0xFF, 0xFF, 0x07])
        try assertGolden(.s64(.min), .s64, [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F])
        try assertGolden(.s64(.max), .s64, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00])
    }

    /// Core WebAssembly allows padded LEB128 within the width's byte limit.
    func testPaddedLEB128IsAccepted() throws {
        var offset = 0
        XCTAssertEqual(try WRPCDecoder().decode(.u32, from: [0x80, 0x80, 0x00], at: &offset), .u32(0))
        offset = 0
        XCTAssertEqual(try WRPCDecoder().decode(.s32, from: [0xFF, 0xFF, 0xFF, 0xFF, 0x7F], at: &offset), .s32(-1))
    }

    func testFloatsAreLittleEndianWithCanonicalNaN() throws {
        try assertGolden(.f32(1.0), .f32, [0x00, 0x00, 0x80, 0x3F])
        try assertGolden(.f32(-2.5), .f32, [0x00, 0x00, 0x20, 0xC0])
        try assertGolden(.f64(1.0), .f64, [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F])
        for nan in [Float.nan, -Float.nan, Float(bitPattern: 0x7F80_0001)] {
            var buffer: [UInt8] = []
            try WRPCEncoder.encode(.f32(nan), as: .f32, into: &buffer)
            XCTAssertEqual(buffer, [0x00, 0x00, 0xC0, 0x7F])
        }
        var buffer: [UInt8] = []
        try WRPCEncoder.encode(.f64(-Double.signalingNaN), as: .f64, into: &buffer)
        XCTAssertEqual(buffer, [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x7F])
    }

    /// A char is its UTF-8 bytes (`core:utf8(c)`), not a LEB128 scalar value.
    func testCharIsUTF8() throws {
        try assertGolden(.char("A"), .char, [0x41])
        try assertGolden(.char("é"), .char, [0xC3, 0xA9])
        try assertGolden(.char("€"), .char, [0xE2, 0x82, 0xAC])
        try assertGolden(.char("\u{1F600}"), .char, [0xF0, 0x9F, 0x98, 0x80])
    }

    func testString() throws {
        try assertGolden(.string(""), .string, [0x00])
        try assertGolden(.string("hé"), .string, [0x03, 0x68, 0xC3, 0xA9])
        let long = String(repeating: "a", count: 200)
        try assertGolden(.string(long), .string, [0xC8, 0x01] + Array(long.utf8))
    }

    func testList() throws {
        try assertGolden(.list([]), .list(.string), [0x00])
        try assertGolden(.list([.u8(1), .u8(2)]), .list(.u8), [0x02, 0x01, 0x02])
        try assertGolden(.list([.u32(300), .u32(1)]), .list(.u32), [0x02, 0xAC, 0x02, 0x01])
    }

    func testRecordAndTuple() throws {
        let record = ValueType.record([.init("a", .u8), .init("b", .bool)])
        try assertGolden(.record(["a": .u8(9), "b": .bool(true)]), record, [0x09, 0x01])
        try assertGolden(.tuple([.u32(300), .s8(-2)]), .tuple([.u32, .s8]), [0xAC, 0x02, 0xFE])
    }

    func testVariantAndEnum() throws {
        let variant = ValueType.variant([.init("a"), .init("b", .u16)])
        try assertGolden(.variant("a", nil), variant, [0x00])
        try assertGolden(.variant("b", .u16(300)), variant, [0x01, 0xAC, 0x02])
        try assertGolden(.enumCase("z"), .enumeration(["x", "y", "z"]), [0x02])
        let wide = ValueType.enumeration((0..<200).map { "c\($0)" })
        try assertGolden(.enumCase("c130"), wide, [0x82, 0x01])
    }

    func testOptionAndResult() throws {
        try assertGolden(.option(nil), .option(.u8), [0x00])
        try assertGolden(.option(.u8(7)), .option(.u8), [0x01, 0x07])
        try assertGolden(.option(.option(nil)), .option(.option(.u8)), [0x01, 0x00])
        let result = ValueType.result(ok: .u8, err: .string)
        try assertGolden(.ok(.u8(5)), result, [0x00, 0x05])
        try assertGolden(.err(.string("x")), result, [0x01, 0x01, 0x78])
        try assertGolden(.ok(nil), .result(ok: nil, err: nil), [0x00])
        try assertGolden(.err(nil), .result(ok: nil, err: nil), [0x01])
        try assertGolden(.err(nil), .result(ok: .u8, err: nil), [0x01])
        try assertGolden(.ok(nil), .result(ok: nil, err: .u8), [0x00])
    }

    func testFlags() throws {
        let ten = ValueType.flags((0..<10).map { "f\($0)" })
        try assertGolden(.flags([]), ten, [0x00, 0x00])
        try assertGolden(.flags(["f0", "f3", "f9"]), ten, [0x09, 0x02])
        let eight = ValueType.flags((0..<8).map { "f\($0)" })
        try assertGolden(.flags(["f7"]), eight, [0x80])
    }

    /// `ceil(n/8)` bytes, as the component model, upstream's wasmtime runtime, Go and the Rust
    /// generator's decoder read them (docs/rpc-plugins.md, "Flags"). The Rust generator's encoder
    /// writes 4 bytes for 17 to 24 flags: that value is refused, not misread.
    func testFlagsTakeTheFewestBytesThatHoldThem() throws {
        let names = { (count: Int) in ValueType.flags((0..<count).map { "f\($0)" }) }
        try assertGolden(.flags(["f16"]), names(17), [0x00, 0x00, 0x01])
        try assertGolden(.flags(["f0", "f23"]), names(24), [0x01, 0x00, 0x80])
        try assertGolden(.flags(["f31"]), names(32), [0x00, 0x00, 0x00, 0x80])
        try assertGolden(.flags(["f32"]), names(33), [0x00, 0x00, 0x00, 0x00, 0x01])
        try assertGolden(.flags(["f63"]), names(64), [0, 0, 0, 0, 0, 0, 0, 0x80])
        XCTAssertThrowsError(try WRPCDecoder().decode([names(17)], from: [0x00, 0x00, 0x01, 0x00]), "a u32-wide encoding of 17 flags")
    }

    /// wRPC's framed stream (SPEC.md) writes its header and frames as records in this encoding.
    func testFramingRecords() throws {
        let header = ValueType.record([.init("instance", .string), .init("name", .string)])
        try assertGolden(.record(["instance": .string("a"), "name": .string("f")]), header, [0x01, 0x61, 0x01, 0x66])
        let frame = ValueType.record([.init("path", .list(.u32)), .init("data", .list(.u8))])
        try assertGolden(
            .record(["path": .list([.u32(0), .u32(1)]), "data": .list([.u8(0xAA)])]), frame,
            [0x02, 0x00, 0x01, 0x01, 0xAA])
    }

    func testDecodingStartsAtOffsetAndAdvances() throws {
        let bytes: [UInt8] = [0xEE, 0xAC, 0x02, 0x01]
        var offset = 1
        XCTAssertEqual(try WRPCDecoder().decode(.u32, from: bytes, at: &offset), .u32(300))
        XCTAssertEqual(offset, 3)
        XCTAssertEqual(try WRPCDecoder().decode(.bool, from: bytes, at: &offset), .bool(true))
        XCTAssertEqual(offset, 4)
    }

    func testEncodingAppends() throws {
        var buffer: [UInt8] = [0xEE]
        try WRPCEncoder.encode(.u8(1), as: .u8, into: &buffer)
        XCTAssertEqual(buffer, [0xEE, 0x01])
    }
}
