import WasmPlugEngine
import WasmPlugWAVE
import WasmPlugTestSupport
import XCTest

/// Random values of random types, from fixed seeds: formatting then parsing gives the value
/// back, and so does parsing the same value written with every liberty WAVE allows.
final class GeneratedRoundTripTests: XCTestCase {
    func testFormattedValuesParseBack() {
        var generator = SeededGenerator(seed: 0x5EED)
        for _ in 0..<2_000 {
            let type = randomType(depth: 4, &generator)
            let value = randomValue(of: type, &generator)
            let text = WAVE.format(value)
            do {
                let parsed = try WAVE.parse(text, as: type)
                XCTAssertEqual(WAVE.format(parsed), text)
                if !value.containsNaN { XCTAssertEqual(parsed, value, text) }
            } catch {
                XCTFail("\(text) as \(WAVE.describe(type)): \(error)")
            }
        }
    }

    func testLooselyWrittenValuesParse() {
        var generator = SeededGenerator(seed: 0xFACADE)
        for _ in 0..<2_000 {
            let type = randomType(depth: 4, &generator)
            let value = randomValue(of: type, &generator)
            let text = loose(value, type, &generator)
            do {
                let parsed = try WAVE.parse(text, as: type)
                XCTAssertEqual(WAVE.format(parsed), WAVE.format(value), text)
            } catch {
                XCTFail("\(text) as \(WAVE.describe(type)): \(error)")
            }
        }
    }

    /// Damaged text is refused with an error (or, by chance, read as some value), never a crash.
    func testDamagedTextIsRefusedWithoutCrashing() {
        var generator = SeededGenerator(seed: 0xBAD_7E87)
        let pieces = ["\"", "\"\"\"\n", "'", "\\", "\\u{", "}", "{", "(", ")", "[", "]", ",", ":", "%", "-", "//", "\n", " ", "e", "9", "é", "🎉"]
        var refused = 0
        for _ in 0..<3_000 {
            let type = randomType(depth: 3, &generator)
            var scalars = Array(loose(randomValue(of: type, &generator), type, &generator).unicodeScalars)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0...scalars.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0 where index < scalars.count: scalars.remove(at: index)
                case 1 where index < scalars.count: scalars.removeSubrange(index...)
                default: scalars.insert(contentsOf: pieces.randomElement(using: &generator)!.unicodeScalars, at: index)
                }
            }
            let text = String(String.UnicodeScalarView(scalars))
            do {
                _ = try WAVE.parse(text, as: type)
            } catch {
                refused += 1
                XCTAssertFalse(error.description.contains("\n"), "a message is one line: \(error)")
            }
            _ = try? WAVE.parseInvocation("f(\(text))")
        }
        XCTAssertGreaterThan(refused, 2_000)
    }

    // MARK: Types and values

    private static let names = ["a", "b-c", "x1", "HTTP3", "method-GET", "none", "some", "ok", "err", "true", "nan", "inf", "long-name-2"]

    private func randomNames(_ g: inout SeededGenerator) -> [String] {
        Array(Self.names.shuffled(using: &g).prefix(Int.random(in: 1...4, using: &g)))
    }

    private func randomType(depth: Int, _ g: inout SeededGenerator) -> ValueType {
        let scalars: [ValueType] = [.bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string]
        guard depth > 0, Int.random(in: 0..<3, using: &g) > 0 else { return scalars.randomElement(using: &g)! }
        func inner() -> ValueType { randomType(depth: depth - 1, &g) }
        switch Int.random(in: 0..<9, using: &g) {
        case 0: return .list(inner())
        case 1: return .tuple((0..<Int.random(in: 1...3, using: &g)).map { _ in inner() })
        case 2: return .record(randomNames(&g).map { .init($0, Bool.random(using: &g) ? .option(inner()) : inner()) })
        case 3: return .variant(randomNames(&g).map { .init($0, Bool.random(using: &g) ? inner() : nil) })
        case 4: return .enumeration(randomNames(&g))
        case 5: return .option(inner())
        case 6:
            let ok = Bool.random(using: &g) ? inner() : nil
            return .result(ok: ok, err: Bool.random(using: &g) ? inner() : nil)
        case 7: return .flags(randomNames(&g))
        default: return scalars.randomElement(using: &g)!
        }
    }

    private func randomValue(of type: ValueType, _ g: inout SeededGenerator) -> Value {
        switch type {
        case .bool: return .bool(.random(using: &g))
        case .s8: return .s8(.random(in: .min ... .max, using: &g))
        case .u8: return .u8(.random(in: .min ... .max, using: &g))
        case .s16: return .s16(.random(in: .min ... .max, using: &g))
        case .u16: return .u16(.random(in: .min ... .max, using: &g))
        case .s32: return .s32(.random(in: .min ... .max, using: &g))
        case .u32: return .u32(.random(in: .min ... .max, using: &g))
        case .s64: return .s64(.random(in: .min ... .max, using: &g))
        case .u64: return .u64(.random(in: .min ... .max, using: &g))
        case .f32: return .f32(Float(bitPattern: .random(in: .min ... .max, using: &g)))
        case .f64: return .f64(Double(bitPattern: .random(in: .min ... .max, using: &g)))
        case .char: return .char(randomScalar(&g))
        case .string: return .string(String(String.UnicodeScalarView((0..<Int.random(in: 0...8, using: &g)).map { _ in randomScalar(&g) })))
        case .list(let element): return .list((0..<Int.random(in: 0...4, using: &g)).map { _ in randomValue(of: element, &g) })
        case .tuple(let types): return .tuple(types.map { randomValue(of: $0, &g) })
        case .record(let fields): return .record(fields.map { .init($0.name, randomValue(of: $0.type, &g)) })
        case .variant(let cases):
            let chosen = cases.randomElement(using: &g)!
            return .variant(chosen.name, chosen.payload.map { randomValue(of: $0, &g) })
        case .enumeration(let names): return .enumCase(names.randomElement(using: &g)!)
        case .option(let inner): return .option(Bool.random(using: &g) ? nil : randomValue(of: inner, &g))
        case .result(let ok, let err):
            return Bool.random(using: &g) ? .ok(ok.map { randomValue(of: $0, &g) }) : .err(err.map { randomValue(of: $0, &g) })
        case .flags(let names): return .flags(names.filter { _ in .random(using: &g) })
        case .own, .borrow, .future, .stream, .errorContext: fatalError("not generated")
        }
    }

    /// Mostly ASCII (quotes, backslashes, commas, brackets included), with controls, accents,
    /// CJK and emoji.
    private func randomScalar(_ g: inout SeededGenerator) -> Unicode.Scalar {
        switch Int.random(in: 0..<10, using: &g) {
        case 0: return Unicode.Scalar(UInt8.random(in: 0..<0x20, using: &g))
        case 1: return ["\u{7F}", "\u{85}", "\u{2028}", "\u{200D}", "\u{301}", "\u{FEFF}"].randomElement(using: &g)!
        case 2: return Unicode.Scalar(UInt32.random(in: 0x4E00...0x9FFF, using: &g))!
        case 3: return Unicode.Scalar(UInt32.random(in: 0x1F300...0x1FAFF, using: &g))!
        case 4: return Unicode.Scalar(UInt32.random(in: 0xA0...0x24F, using: &g))!
        default: return Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &g))
        }
    }

    // MARK: Loose writing

    /// `value` in WAVE with random whitespace, comments, trailing commas, field and flag order,
    /// left-out `none` fields, `%` on labels, `\u{...}` escapes, and bare `some` and `ok` payloads.
    private func loose(_ value: Value, _ type: ValueType, _ g: inout SeededGenerator) -> String {
        func gap() -> String { ["", "", " ", "\n  ", "\t", " // note, (with) [brackets]\n"].randomElement(using: &g)! }
        func label(_ name: String) -> String {
            (Self.keywords.contains(name) || Bool.random(using: &g) ? "%" : "") + name
        }
        func sequence(_ items: [String], _ open: String, _ close: String) -> String {
            guard !items.isEmpty else { return open + gap() + close }
            let trailing = Bool.random(using: &g) ? "," + gap() : ""
            return open + gap() + items.joined(separator: gap() + "," + gap()) + gap() + trailing + close
        }
        switch (value, type) {
        case (.string(let string), _):
            return "\"" + string.unicodeScalars.map { scalar in
                Bool.random(using: &g) ? "\\u{\(String(scalar.value, radix: 16))}" : unquoted(WAVE.format(.string(String(scalar))))
            }.joined() + "\""
        case (.list(let values), .list(let element)):
            return sequence(values.map { loose($0, element, &g) }, "[", "]")
        case (.tuple(let values), .tuple(let types)):
            return sequence(zip(values, types).map { loose($0, $1, &g) }, "(", ")")
        case (.record(let fields), .record(let types)):
            let written = zip(fields, types).filter { field, _ in field.value != .option(nil) || Bool.random(using: &g) }
            guard !written.isEmpty else { return "{" + gap() + ":" + gap() + "}" }
            return sequence(written.shuffled(using: &g).map { field, type in
                (Bool.random(using: &g) ? "%" : "") + field.name + gap() + ":" + gap() + loose(field.value, type.type, &g)
            }, "{", "}")
        case (.variant(let name, let payload), .variant(let cases)):
            let payloadType = cases.first { $0.name == name }?.payload
            return label(name) + (payload.map { gap() + "(" + gap() + loose($0, payloadType!, &g) + gap() + ")" } ?? "")
        case (.enumCase(let name), _):
            return label(name)
        case (.option(let payload?), .option(let inner)):
            if inner.canBeFlat, Bool.random(using: &g) { return loose(payload, inner, &g) }
            return "some" + gap() + "(" + loose(payload, inner, &g) + ")"
        case (.ok(let payload?), .result(let ok?, _)):
            if ok.canBeFlat, Bool.random(using: &g) { return loose(payload, ok, &g) }
            return "ok(" + gap() + loose(payload, ok, &g) + gap() + ")"
        case (.err(let payload?), .result(_, let err?)):
            return "err" + gap() + "(" + loose(payload, err, &g) + ")"
        case (.flags(let names), _):
            return sequence(names.shuffled(using: &g).map { (Bool.random(using: &g) ? "%" : "") + $0 }, "{", "}")
        default:
            return WAVE.format(value)
        }
    }

    /// The text between a string literal's quotes (by scalars: a combining mark must not join the quote).
    private func unquoted(_ literal: String) -> String {
        String(String.UnicodeScalarView(literal.unicodeScalars.dropFirst().dropLast()))
    }

    private static let keywords: Set<String> = ["true", "false", "inf", "nan", "some", "none", "ok", "err"]
}

private extension ValueType {
    /// Whether a `some` or `ok` payload of this type may be written bare.
    var canBeFlat: Bool {
        switch self {
        case .option, .result: false
        default: true
        }
    }
}
