import WasmPlugEngine
import WasmPlugWAVE
import XCTest

final class WAVETests: XCTestCase {
    static let point = ValueType.record([.init("x", .s32), .init("y", .s32), .init("label", .string)])
    static let event = ValueType.variant([.init("click", point), .init("key", .char), .init("quit")])
    static let color = ValueType.enumeration(["red", "green", "blue"])
    static let perms = ValueType.flags(["read", "write", "exec"])

    func roundTrip(_ text: String, _ type: ValueType, file: StaticString = #filePath, line: UInt = #line) throws {
        let value = try WAVE.parse(text, as: type)
        XCTAssertEqual(WAVE.format(value), text, file: file, line: line)
        // Compared as text: NaN is not equal to itself as a value.
        XCTAssertEqual(WAVE.format(try WAVE.parse(WAVE.format(value), as: type)), text, file: file, line: line)
    }

    func testScalars() throws {
        try roundTrip("true", .bool)
        try roundTrip("-128", .s8)
        try roundTrip("255", .u8)
        try roundTrip("-9223372036854775808", .s64)
        try roundTrip("18446744073709551615", .u64)
        try roundTrip("1.5", .f32)
        try roundTrip("-0.1", .f64)
        try roundTrip("nan", .f64)
        try roundTrip("inf", .f32)
        try roundTrip("-inf", .f64)
        try roundTrip("'x'", .char)
        try roundTrip("'\\''", .char)
        try roundTrip("'🎉'", .char)
        XCTAssertEqual(try WAVE.parse("'\\u{1F600}'", as: .char), .char("😀"))
    }

    func testStrings() throws {
        try roundTrip(#""héllo, 世界 🎉""#, .string)
        try roundTrip(#""tab\tquote\"backslash\\newline\n""#, .string)
        try roundTrip(#""""#, .string)
        XCTAssertEqual(try WAVE.parse(#""\u{48}i""#, as: .string), .string("Hi"))
        XCTAssertEqual(WAVE.format(.string("\u{1}")), #""\u{1}""#)
    }

    func testCompoundValues() throws {
        try roundTrip("[1, 2, 3]", .list(.u32))
        try roundTrip("[]", .list(.u32))
        try roundTrip(#"{x: 1, y: -2, label: "p"}"#, Self.point)
        try roundTrip(#"(1, "two", 3.5)"#, .tuple([.u8, .string, .f64]))
        try roundTrip(#"click({x: 1, y: 2, label: ""})"#, Self.event)
        try roundTrip("quit", Self.event)
        try roundTrip("green", Self.color)
        try roundTrip("{read, exec}", Self.perms)
        try roundTrip("{}", Self.perms)
        try roundTrip(#"some("x")"#, .option(.string))
        try roundTrip("none", .option(.string))
        try roundTrip("ok(7)", .result(ok: .u32, err: .string))
        try roundTrip(#"err("bad")"#, .result(ok: .u32, err: .string))
        try roundTrip("ok", .result(ok: nil, err: nil))
        try roundTrip("some(some(1))", .option(.option(.u8)))
    }

    func testRecordsAcceptAnyFieldOrderTrailingCommasAndOmittedOptions() throws {
        let type = ValueType.record([.init("a", .u8), .init("b", .option(.u8))])
        XCTAssertEqual(try WAVE.parse("{ b: some(2), a: 1, }", as: type), .record(["a": .u8(1), "b": .option(.u8(2))]))
        XCTAssertEqual(try WAVE.parse("{a: 1}", as: type), .record(["a": .u8(1), "b": .option(nil)]))
        XCTAssertEqual(try WAVE.parse(" [ 1 , 2 , ] ", as: .list(.u8)), .list([.u8(1), .u8(2)]))
    }

    func testKeywordNamesAreEscaped() throws {
        let type = ValueType.enumeration(["none", "other"])
        XCTAssertEqual(WAVE.format(.enumCase("none")), "%none")
        XCTAssertEqual(try WAVE.parse("%none", as: type), .enumCase("none"))
    }

    func testFlagsComeBackInDeclarationOrder() throws {
        XCTAssertEqual(try WAVE.parse("{exec, read}", as: Self.perms), .flags(["read", "exec"]))
    }

    func testErrorsNameWhatWasExpected() {
        func message(_ text: String, _ type: ValueType) -> String {
            do {
                _ = try WAVE.parse(text, as: type)
                return "no error"
            } catch {
                return error.message
            }
        }
        XCTAssertEqual(message("300", .u8), #"expected u8, found "300" (out of range 0...255) (at offset 0)"#)
        XCTAssertEqual(message("-1", .u32), #"expected u32, found "-1" (out of range 0...4294967295) (at offset 0)"#)
        XCTAssertEqual(message("purple", Self.color), #"unknown enum case "purple" for enum { red, green, blue } (at offset 0)"#)
        XCTAssertEqual(message(#"  "abc"#, .string), "unterminated string starting at offset 2 (at offset 2)")
        XCTAssertEqual(message("{x: 1}", Self.point), #"missing field "y" for record { x: s32, y: s32, label: string } (at offset 0)"#)
        XCTAssertEqual(message("{read, fly}", Self.perms), #"unknown flag "fly" for flags { read, write, exec } (at offset 0)"#)
        XCTAssertEqual(message("'ab'", .char), "a char literal holds exactly one character (at offset 0)")
        XCTAssertEqual(message("some", .option(.u8)), "some needs a payload of type u8: write some(...) (at offset 4)")
        XCTAssertEqual(message("1 2", .u8), #"unexpected text after the value: "2" (at offset 2)"#)
        XCTAssertEqual(message("yes", .bool), #"expected bool (true or false), found "yes" (at offset 3)"#)
        XCTAssertTrue(message("[1, 2", .list(.u8)).hasPrefix("unterminated [...]"))
    }

    func testInvocations() throws {
        let call = try WAVE.parseInvocation(#"wasmplug:test/echo@0.1.0#echo-shape({name: "a, b", corners: [], origin: none}, 'x', ")")"#)
        XCTAssertEqual(call.name, "wasmplug:test/echo@0.1.0#echo-shape")
        XCTAssertEqual(call.arguments, [#"{name: "a, b", corners: [], origin: none}"#, "'x'", #"")""#])
        XCTAssertEqual(try WAVE.parseInvocation("[method]counter.increment()").arguments, [])
        XCTAssertEqual(try WAVE.parseInvocation(" add( 1 , 2 ) ").arguments, ["1", "2"])
        XCTAssertThrowsError(try WAVE.parseInvocation("add"))
        XCTAssertThrowsError(try WAVE.parseInvocation("add(1, 2"))
        XCTAssertThrowsError(try WAVE.parseInvocation("add(1) extra"))
    }

    func testArgumentsAreCountedAndNamed() {
        let parameters: [ValueType.Field] = [.init("a", .u32), .init("b", .string)]
        XCTAssertThrowsError(try WAVE.parseArguments(["1"], types: parameters)) { error in
            XCTAssertEqual("\(error)", "expected 2 arguments (a: u32, b: string), got 1")
        }
        XCTAssertThrowsError(try WAVE.parseArguments(["1", "2"], types: parameters)) { error in
            XCTAssertTrue("\(error)".hasPrefix("argument 'b': expected '\"'"), "\(error)")
        }
        XCTAssertEqual(try WAVE.parseArguments(["1", #""x""#], types: parameters), [.u32(1), .string("x")])
    }

    /// Random values of random types, from a fixed seed, survive format → parse.
    func testGeneratedValuesRoundTrip() throws {
        var generator = SeededGenerator(seed: 0x5EED)
        for _ in 0..<500 {
            let type = randomType(depth: 3, &generator)
            let value = randomValue(of: type, &generator)
            let text = WAVE.format(value)
            XCTAssertEqual(try WAVE.parse(text, as: type), value, text)
        }
    }

    private func randomType(depth: Int, _ g: inout SeededGenerator) -> ValueType {
        let scalars: [ValueType] = [.bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f64, .char, .string]
        guard depth > 0, Int.random(in: 0..<3, using: &g) == 0 else { return scalars.randomElement(using: &g)! }
        switch Int.random(in: 0..<8, using: &g) {
        case 0: return .list(randomType(depth: depth - 1, &g))
        case 1: return .tuple((0..<Int.random(in: 1...3, using: &g)).map { _ in randomType(depth: depth - 1, &g) })
        case 2: return .record((0..<Int.random(in: 1...3, using: &g)).map { .init("field-\($0)", randomType(depth: depth - 1, &g)) })
        case 3: return .variant([.init("a", randomType(depth: depth - 1, &g)), .init("b")])
        case 4: return .option(randomType(depth: depth - 1, &g))
        case 5: return .result(ok: randomType(depth: depth - 1, &g), err: nil)
        case 6: return Self.color
        default: return Self.perms
        }
    }

    private func randomValue(of type: ValueType, _ g: inout SeededGenerator) -> Value {
        switch type {
        case .bool: return .bool(Bool.random(using: &g))
        case .s8: return .s8(.random(in: .min ... .max, using: &g))
        case .u8: return .u8(.random(in: .min ... .max, using: &g))
        case .s16: return .s16(.random(in: .min ... .max, using: &g))
        case .u16: return .u16(.random(in: .min ... .max, using: &g))
        case .s32: return .s32(.random(in: .min ... .max, using: &g))
        case .u32: return .u32(.random(in: .min ... .max, using: &g))
        case .s64: return .s64(.random(in: .min ... .max, using: &g))
        case .u64: return .u64(.random(in: .min ... .max, using: &g))
        case .f64: return .f64(Double(bitPattern: .random(in: 0 ... 0x7FEF_FFFF_FFFF_FFFF, using: &g)) * (Bool.random(using: &g) ? 1 : -1))
        case .char: return .char(["a", "'", "\\", "\n", "é", "世", "🎉"].randomElement(using: &g)!)
        case .string: return .string(String((0..<Int.random(in: 0...6, using: &g)).map { _ in
            ["a", "\"", "\\", "\t", "ß", "界", "🙂", ","].randomElement(using: &g)! }))
        case .list(let element): return .list((0..<Int.random(in: 0...3, using: &g)).map { _ in randomValue(of: element, &g) })
        case .tuple(let types): return .tuple(types.map { randomValue(of: $0, &g) })
        case .record(let fields): return .record(fields.map { .init($0.name, randomValue(of: $0.type, &g)) })
        case .variant: return Bool.random(using: &g) ? .variant("b", nil) : .variant("a", randomValue(of: type.firstCasePayload!, &g))
        case .option(let inner): return .option(Bool.random(using: &g) ? nil : randomValue(of: inner, &g))
        case .result(let ok?, _): return .ok(randomValue(of: ok, &g))
        case .enumeration(let names): return .enumCase(names.randomElement(using: &g)!)
        case .flags(let names): return .flags(names.filter { _ in Bool.random(using: &g) })
        default: return .bool(false)
        }
    }
}

private extension ValueType {
    var firstCasePayload: ValueType? {
        if case .variant(let cases) = self { return cases.first?.payload }
        return nil
    }
}

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
