import Foundation
import WasmPlugEngine
import WasmPlugWRPC
import XCTest

/// Malformed input must give a one-line ``WRPCError`` of the right kind at the right offset.
final class HostileInputTests: XCTestCase {
    private func assertRejects(
        _ type: ValueType, _ bytes: [UInt8], _ kind: WRPCError.Kind, at expectedOffset: Int,
        decoder: WRPCDecoder = WRPCDecoder(), file: StaticString = #filePath, line: UInt = #line
    ) {
        var offset = 0
        do {
            let value = try decoder.decode(type, from: bytes, at: &offset)
            XCTFail("decoded \(value) from \(bytes) as \(type)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.kind, kind, error.description, file: file, line: line)
            XCTAssertEqual(error.offset, expectedOffset, error.description, file: file, line: line)
            XCTAssertFalse(error.description.contains("\n"), file: file, line: line)
            XCTAssertTrue(error.description.contains("at byte \(expectedOffset)"), error.description, file: file, line: line)
            XCTAssertEqual(offset, 0, "offset must not move on error", file: file, line: line)
        }
    }

    func testTruncatedInput() {
        assertRejects(.bool, [], .truncated, at: 0)
        assertRejects(.u32, [0x80], .truncated, at: 1)
        assertRejects(.s64, [0xFF, 0xFF], .truncated, at: 2)
        assertRejects(.f32, [0x00, 0x00, 0x80], .truncated, at: 0)
        assertRejects(.f64, [0x00], .truncated, at: 0)
        assertRejects(.char, [0xE2, 0x82], .truncated, at: 0)
        assertRejects(.tuple([.u8, .u8]), [0x01], .truncated, at: 1)
        assertRejects(.record([.init("a", .string), .init("b", .bool)]), [0x01, 0x61], .truncated, at: 2)
        assertRejects(.option(.u16), [0x01], .truncated, at: 1)
        assertRejects(.flags((0..<9).map { "f\($0)" }), [0x00], .truncated, at: 0)
        let message = "\(WRPCError(.truncated, "input ends inside u32", offset: 1))"
        XCTAssertEqual(message, "wRPC: at byte 1: input ends inside u32")
    }

    func testLEB128LongerThanTheWidthAllows() {
        assertRejects(.u16, [0x80, 0x80, 0x80, 0x00], .invalidLEB128, at: 0)
        assertRejects(.u32, [0x80, 0x80, 0x80, 0x80, 0x80, 0x00], .invalidLEB128, at: 0)
        assertRejects(.s32, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], .invalidLEB128, at: 0)
        assertRejects(.u64, [UInt8](repeating: 0x80, count: 10) + [0x00], .invalidLEB128, at: 0)
        // The list count is a u32 too.
        assertRejects(.list(.u8), [0x80, 0x80, 0x80, 0x80, 0x80, 0x00], .invalidLEB128, at: 0)
    }

    func testLEB128OverflowingTheWidth() {
        assertRejects(.u16, [0x80, 0x80, 0x04], .invalidLEB128, at: 0)  // 65536
        assertRejects(.u32, [0xFF, 0xFF, 0xFF, 0xFF, 0x1F], .invalidLEB128, at: 0)
        assertRejects(.u64, [UInt8](repeating: 0xFF, count: 9) + [0x02], .invalidLEB128, at: 0)
        assertRejects(.s16, [0x80, 0x80, 0x02], .invalidLEB128, at: 0)  // 32768
        assertRejects(.s32, [0xFF, 0xFF, 0xFF, 0xFF, 0x4F], .invalidLEB128, at: 0)
        assertRejects(.s32, [0x80, 0x80, 0x80, 0x80, 0x77], .invalidLEB128, at: 0)  // below s32.min
        assertRejects(.s64, [UInt8](repeating: 0x80, count: 9) + [0x7E], .invalidLEB128, at: 0)
        assertRejects(.s64, [UInt8](repeating: 0xFF, count: 9) + [0x01], .invalidLEB128, at: 0)
    }

    func testInvalidUTF8InString() {
        assertRejects(.string, [0x02, 0xC3, 0x28], .invalidUTF8, at: 1)
        assertRejects(.string, [0x04, 0x61, 0xED, 0xA0, 0x80], .invalidUTF8, at: 2)  // a surrogate
        assertRejects(.string, [0x03, 0x61, 0xC0, 0x80], .invalidUTF8, at: 2)  // overlong NUL
        assertRejects(.string, [0x01, 0xFF], .invalidUTF8, at: 1)
        assertRejects(.string, [0x02, 0x61, 0xE2], .invalidUTF8, at: 2)  // cut inside the string
    }

    func testOutOfRangeOrMalformedChar() {
        assertRejects(.char, [0xF4, 0x90, 0x80, 0x80], .invalidChar, at: 0)  // U+110000
        assertRejects(.char, [0xED, 0xA0, 0x80], .invalidChar, at: 0)  // U+D800
        assertRejects(.char, [0x80], .invalidChar, at: 0)
        assertRejects(.char, [0xF8, 0x80, 0x80, 0x80, 0x80], .invalidChar, at: 0)
        assertRejects(.char, [0xC0, 0x80], .invalidChar, at: 0)
        assertRejects(.char, [0xC3, 0x41], .invalidChar, at: 0)
    }

    func testCaseIndexOutOfRange() {
        assertRejects(.variant([.init("a"), .init("b", .u8)]), [0x02], .caseOutOfRange, at: 0)
        assertRejects(.enumeration(["x"]), [0x01], .caseOutOfRange, at: 0)
        assertRejects(.enumeration(["x"]), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], .caseOutOfRange, at: 0)
        assertRejects(.tuple([.u8, .enumeration(["x", "y"])]), [0x00, 0x05], .caseOutOfRange, at: 1)
    }

    func testDiscriminantsOtherThanZeroOrOne() {
        assertRejects(.bool, [0x02], .invalidDiscriminant, at: 0)
        assertRejects(.option(.u8), [0x02, 0x00], .invalidDiscriminant, at: 0)
        assertRejects(.result(ok: nil, err: nil), [0x80], .invalidDiscriminant, at: 0)
    }

    func testFlagBitsBeyondTheDeclaredFlags() {
        assertRejects(.flags(["a", "b", "c"]), [0x08], .invalidFlags, at: 0)
        assertRejects(.flags((0..<9).map { "f\($0)" }), [0x00, 0x02], .invalidFlags, at: 1)
    }

    func testLengthsLargerThanTheRemainingInput() {
        assertRejects(.string, [0x05, 0x61, 0x62], .lengthTooLarge, at: 0)
        assertRejects(.list(.u8), [0x03, 0x01, 0x02], .lengthTooLarge, at: 0)
        // Each f64 needs 8 bytes: 2 elements cannot fit in 9 bytes.
        assertRejects(.list(.f64), [0x02] + [UInt8](repeating: 0, count: 9), .lengthTooLarge, at: 0)
        assertRejects(.tuple([.u8, .list(.string)]), [0x00, 0x05, 0x00], .lengthTooLarge, at: 1)
    }

    /// A list claiming u32.max elements in five bytes fails at once, without allocating; 2^32 itself
    /// is not a u32 and fails as LEB128.
    func testHugeListCountFailsFast() {
        let claim: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]
        let start = Date()
        assertRejects(.list(.u8), claim, .lengthTooLarge, at: 0)
        assertRejects(.list(.u8), claim, .lengthTooLarge, at: 0, decoder: WRPCDecoder(maxLength: .max))
        assertRejects(.list(.list(.u8)), claim, .lengthTooLarge, at: 0, decoder: WRPCDecoder(maxLength: .max))
        assertRejects(.string, claim, .lengthTooLarge, at: 0, decoder: WRPCDecoder(maxLength: .max))
        assertRejects(.list(.u8), [0x80, 0x80, 0x80, 0x80, 0x10], .invalidLEB128, at: 0)
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.5)
    }

    func testConfigurableCap() throws {
        let decoder = WRPCDecoder(maxLength: 3)
        assertRejects(.string, [0x04, 0x61, 0x62, 0x63, 0x64], .lengthTooLarge, at: 0, decoder: decoder)
        assertRejects(.list(.u8), [0x04, 1, 2, 3, 4], .lengthTooLarge, at: 0, decoder: decoder)
        var offset = 0
        XCTAssertEqual(try decoder.decode(.string, from: [0x03, 0x61, 0x62, 0x63], at: &offset), .string("abc"))
        XCTAssertEqual(WRPCDecoder().maxLength, 64 * 1024 * 1024)
    }

    /// Empty records, tuples, flags, variants and enums (not valid WIT) would let a list of
    /// zero-byte elements claim any count, so they are refused both ways.
    func testEmptyAggregatesAreRefused() {
        let empties: [ValueType] = [.record([]), .tuple([]), .flags([]), .variant([]), .enumeration([])]
        for empty in empties {
            assertRejects(.list(empty), [0xFF, 0xFF, 0xFF, 0x1F], .unsupportedType, at: 0)
            var buffer: [UInt8] = []
            XCTAssertThrowsError(try WRPCEncoder.encode(.list([]), as: .list(empty), into: &buffer)) { error in
                XCTAssertEqual((error as? WRPCError)?.kind, .unsupportedType)
            }
        }
    }

    func testOffsetOutsideTheInput() {
        var offset = 5
        XCTAssertThrowsError(try WRPCDecoder().decode(.u8, from: [0x01], at: &offset))
        offset = -1
        XCTAssertThrowsError(try WRPCDecoder().decode(.u8, from: [0x01], at: &offset))
    }

    func testUnsupportedTypes() {
        let resource = ValueType.list(.future(.u8))
        assertRejects(resource, [0x00], .unsupportedType, at: 0)
        assertRejects(.stream(.u8), [0x00], .unsupportedType, at: 0)
        assertRejects(.record([.init("e", .errorContext)]), [0x00], .unsupportedType, at: 0)
        var buffer: [UInt8] = []
        XCTAssertThrowsError(try WRPCEncoder.encode(.list([]), as: resource, into: &buffer)) { error in
            XCTAssertEqual((error as? WRPCError)?.kind, .unsupportedType)
            XCTAssertNil((error as? WRPCError)?.offset)
        }
        XCTAssertEqual(buffer, [])
    }

    func testEncodingChecksTheValueAgainstTheType() {
        let cases: [(Value, ValueType)] = [
            (.u8(1), .u16),
            (.list([.u8(1), .s8(1)]), .list(.u8)),
            (.record(["b": .u8(1)]), .record([.init("a", .u8)])),
            (.variant("c", nil), .variant([.init("a")])),
            (.variant("a", .u8(1)), .variant([.init("a")])),
            (.enumCase("q"), .enumeration(["x"])),
            (.flags(["q"]), .flags(["x"])),
            (.ok(nil), .result(ok: .u8, err: nil)),
            (.tuple([.u8(1)]), .tuple([.u8, .u8])),
        ]
        for (value, type) in cases {
            var buffer: [UInt8] = [0xEE]
            XCTAssertThrowsError(try WRPCEncoder.encode(value, as: type, into: &buffer), "\(value) as \(type)") { error in
                XCTAssertEqual((error as? WRPCError)?.kind, .typeMismatch)
            }
            XCTAssertEqual(buffer, [0xEE], "nothing appended on error")
        }
    }
}
