import WasmPlugEngine
import WasmPlugWRPC
import WasmPlugTestSupport
import XCTest


/// Random supported types and values of them.
private struct Generator {
    var rng: SeededGenerator

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ oneIn: Int) -> Bool { int(1...oneIn) == 1 }

    mutating func type(depth: Int = 0) -> ValueType {
        let primitives: [ValueType] = [.bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string]
        guard depth < 4, !chance(3) else { return primitives[int(0...primitives.count - 1)] }
        switch int(0...7) {
        case 0: return .list(type(depth: depth + 1))
        case 1: return .record((0..<int(1...4)).map { .init("r\($0)", type(depth: depth + 1)) })
        case 2: return .tuple((0..<int(1...3)).map { _ in type(depth: depth + 1) })
        case 3:
            return .variant((0..<int(1...5)).map { .init("v\($0)", chance(3) ? nil : type(depth: depth + 1)) })
        case 4: return .enumeration((0..<int(1...140)).map { "e\($0)" })
        case 5: return .option(type(depth: depth + 1))
        case 6:
            return .result(ok: chance(3) ? nil : type(depth: depth + 1), err: chance(3) ? nil : type(depth: depth + 1))
        default: return .flags((0..<int(1...20)).map { "f\($0)" })
        }
    }

    mutating func value(of type: ValueType) -> Value {
        switch type {
        case .bool: return .bool(chance(2))
        case .s8: return .s8(.random(in: .min ... .max, using: &rng))
        case .u8: return .u8(.random(in: .min ... .max, using: &rng))
        case .s16: return .s16(.random(in: .min ... .max, using: &rng))
        case .u16: return .u16(.random(in: .min ... .max, using: &rng))
        case .s32: return .s32(Int32(truncatingIfNeeded: edgy()))
        case .u32: return .u32(UInt32(truncatingIfNeeded: edgy()))
        case .s64: return .s64(Int64(bitPattern: edgy()))
        case .u64: return .u64(edgy())
        case .f32:
            let v = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            return .f32(v.isNaN ? .infinity : v)
        case .f64:
            let v = Double(bitPattern: rng.next())
            return .f64(v.isNaN ? -.infinity : v)
        case .char: return .char(scalar())
        case .string: return .string(String(String.UnicodeScalarView((0..<int(0...12)).map { _ in scalar() })))
        case .list(let element): return .list((0..<int(0...5)).map { _ in value(of: element) })
        case .record(let fields): return .record(fields.map { .init($0.name, value(of: $0.type)) })
        case .tuple(let types): return .tuple(types.map { value(of: $0) })
        case .variant(let cases):
            let chosen = cases[int(0...cases.count - 1)]
            return .variant(chosen.name, chosen.payload.map { value(of: $0) })
        case .enumeration(let names): return .enumCase(names[int(0...names.count - 1)])
        case .option(let inner): return .option(chance(2) ? nil : value(of: inner))
        case .result(let ok, let err):
            return chance(2) ? .ok(ok.map { value(of: $0) }) : .err(err.map { value(of: $0) })
        case .flags(let names): return .flags(names.filter { _ in chance(2) })
        case .own, .borrow, .future, .stream, .errorContext: fatalError("unsupported type generated")
        }
    }

    /// Integers biased towards LEB128 byte boundaries and extremes.
    private mutating func edgy() -> UInt64 {
        let raw = rng.next()
        return raw >> UInt64(int(0...63))
            &* (chance(2) ? 1 : UInt64.max)  // negate half of them
    }

    /// Scalars from each UTF-8 width.
    private mutating func scalar() -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF]
        let range = ranges[int(0...ranges.count - 1)]
        return Unicode.Scalar(UInt32.random(in: range, using: &rng))!
    }
}

final class RoundTripPropertyTests: XCTestCase {
    /// encode → decode gives back the value and consumes exactly the encoding; every strict prefix
    /// of the encoding is rejected; and corrupted encodings decode or throw but never crash.
    func testRandomValuesRoundTrip() throws {
        var generator = Generator(rng: SeededGenerator(seed: 0x5EED_2026))
        var mutations = SeededGenerator(seed: 42)
        let decoder = WRPCDecoder()
        let cases = 3_000
        for index in 0..<cases {
            let type = generator.type()
            let value = generator.value(of: type)
            var bytes: [UInt8] = [0xEE]
            try WRPCEncoder.encode(value, as: type, into: &bytes)

            var offset = 1
            let decoded = try decoder.decode(type, from: bytes, at: &offset)
            XCTAssertEqual(decoded, value, "case \(index): \(type)")
            XCTAssertEqual(offset, bytes.count, "case \(index): \(type)")

            if bytes.count <= 64 {
                for end in 1..<bytes.count {
                    var prefixOffset = 1
                    XCTAssertThrowsError(
                        try decoder.decode(type, from: Array(bytes[..<end]), at: &prefixOffset),
                        "case \(index): prefix of \(end) bytes of \(type)")
                }
            }

            if bytes.count > 1 {
                var corrupted = bytes
                let position = Int(mutations.next() % UInt64(bytes.count - 1)) + 1
                corrupted[position] = UInt8(truncatingIfNeeded: mutations.next())
                var corruptedOffset = 1
                _ = try? decoder.decode(type, from: corrupted, at: &corruptedOffset)
            }
        }
    }

    func testTypesCoverEveryKind() {
        var generator = Generator(rng: SeededGenerator(seed: 0x5EED_2026))
        var kinds = Set<String>()
        func collect(_ type: ValueType) {
            kinds.insert(String("\(type)".prefix { $0.isLetter || $0.isNumber }))
            switch type {
            case .list(let t), .option(let t): collect(t)
            case .record(let fields): fields.forEach { collect($0.type) }
            case .tuple(let types): types.forEach(collect)
            case .variant(let cases): cases.forEach { $0.payload.map(collect) }
            case .result(let ok, let err): ok.map(collect); err.map(collect)
            default: break
            }
        }
        for _ in 0..<3_000 { collect(generator.type()) }
        let expected: Set = [
            "bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64", "char", "string",
            "list", "record", "tuple", "variant", "enum", "option", "result", "flags",
        ]
        XCTAssertEqual(kinds, expected)
    }
}
