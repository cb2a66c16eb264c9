import WasmPlugEngine
import WasmPlugWAVE
import XCTest

/// Every kind of value reads and writes back to the same text.
final class RoundTripTests: XCTestCase {
    func testBools() {
        assertRoundTrip("true", .bool)
        assertRoundTrip("false", .bool)
    }

    func testIntegersAtTheEdgesOfEveryWidth() {
        for (type, range) in [
            (ValueType.s8, "\(Int8.min) \(Int8.max)"), (.u8, "0 \(UInt8.max)"),
            (.s16, "\(Int16.min) \(Int16.max)"), (.u16, "0 \(UInt16.max)"),
            (.s32, "\(Int32.min) \(Int32.max)"), (.u32, "0 \(UInt32.max)"),
            (.s64, "\(Int64.min) \(Int64.max)"), (.u64, "0 \(UInt64.max)"),
        ] {
            for text in range.split(separator: " ") { assertRoundTrip(String(text), type) }
        }
        assertParses("-128", .s8, .s8(-128))
        assertParses("18446744073709551615", .u64, .u64(.max))
        assertParses("-0", .u8, .u8(0))
    }

    func testFloats() {
        for text in ["1.5", "-0.25", "0.0", "-0.0", "nan", "inf", "-inf", "3.4028235e+38", "1e-45", "0.1"] {
            assertRoundTrip(text, .f32)
        }
        for text in ["1.5", "-0.1", "nan", "inf", "-inf", "1e+300", "5e-324", "1.7976931348623157e+308", "0.30000000000000004"] {
            assertRoundTrip(text, .f64)
        }
        // Every form of WAVE's number syntax; integers, exponents with and without signs.
        assertParses("0e0", .f64, .f64(0))
        assertParses("2", .f64, .f64(2))
        assertParses("6.022e+23", .f64, .f64(6.022e23))
        assertParses("1E-3", .f64, .f64(0.001))
        assertParses("-3.1415", .f32, .f32(-3.1415))
        // Out of a float's range: rounds to infinity or zero, as in WAVE's reference implementation.
        assertParses("3.4028234664e39", .f32, .f32(.infinity))
        assertParses("1.4012984643e-46", .f32, .f32(0))
        XCTAssertEqual(WAVE.format(.f64(-.nan)), "nan")
        XCTAssertEqual(WAVE.format(.f32(.signalingNaN)), "nan")
    }

    func testF32IsReadAtItsOwnPrecision() throws {
        // Rounding through Double first would give a different f32 for some texts; this one is
        // halfway between two f32s when first rounded to a double.
        let text = "1.00000005960464477539062500000000001"
        XCTAssertEqual(try WAVE.parse(text, as: .f32), .f32(Float(text)!))
        for bits: UInt32 in [1, 0x0080_0000, 0x3F80_0001, 0x7F7F_FFFF, 0x8000_0001, 0x4049_0FDB] {
            let value = Value.f32(Float(bitPattern: bits))
            XCTAssertEqual(try WAVE.parse(WAVE.format(value), as: .f32), value)
        }
    }

    func testChars() {
        for text in ["'x'", "'\"'", "'ß'", "'世'", "'🎉'", #"'\''"#, #"'\\'"#, #"'\n'"#, #"'\t'"#, #"'\r'"#, #"'\u{0}'"#, #"'\u{7f}'"#] {
            assertRoundTrip(text, .char)
        }
        assertParses(#"'\u{1F600}'"#, .char, .char("😀"))
        assertParses(#"'\u{000078}'"#, .char, .char("x"))
        assertParses(#"'\"'"#, .char, .char("\""))
        assertParses("'\u{10FFFF}'", .char, .char("\u{10FFFF}"))
    }

    func testStrings() {
        assertRoundTrip(#""""#, .string)
        assertRoundTrip(#""héllo, 世界 🎉""#, .string)
        assertRoundTrip(#""tab\tquote\"backslash\\newline\nreturn\r""#, .string)
        assertRoundTrip(#""it's""#, .string)
        assertRoundTrip(#""bell\u{7}, delete\u{7f}, next line\u{85}, line separator\u{2028}""#, .string)
        assertRoundTrip("\"combining e\u{301}, family 👨‍👩‍👧, flag 🇫🇷\"", .string)
        assertParses(#""\u{48}\u{69}\'\"""#, .string, .string("Hi'\""))
        assertParses(#""// not a comment""#, .string, .string("// not a comment"))
    }

    func testMultilineStrings() {
        assertParses("\"\"\"\nA single line\n\"\"\"", .string, .string("A single line"))
        assertParses("\"\"\"\n\"\"\"", .string, .string(""))
        assertParses("\"\"\"\n    Indentation determined\n      by ending delimiter\n  \"\"\"", .string,
                     .string("  Indentation determined\n    by ending delimiter"))
        assertParses("\"\"\"\n\nEmpty leading and trailing lines are kept\n\n\"\"\"", .string,
                     .string("\nEmpty leading and trailing lines are kept\n"))
        assertParses("\"\"\"\n  Escapes work: \\r\\t\\u{2603}\n  Quotes too: \"\"\\\"\" and 'x'\n  \"\"\"", .string,
                     .string("Escapes work: \r\t☃\nQuotes too: \"\"\"\" and 'x'"))
        assertParses("\"\"\"\r\n  Windows line breaks\r\n  are line breaks\r\n  \"\"\"", .string,
                     .string("Windows line breaks\nare line breaks"))
        assertParses("[\"\"\"\n  a, b\n  \"\"\", \"c\"]", .list(.string), .list([.string("a, b"), .string("c")]))
    }

    func testLists() {
        assertRoundTrip("[]", .list(.u32))
        assertRoundTrip("[1, 2, 3]", .list(.u32))
        assertRoundTrip(#"["a", "b, c", ""]"#, .list(.string))
        assertRoundTrip("[[], [1], [2, 3]]", .list(.list(.u8)))
        assertRoundTrip("['a', '\\'', ',']", .list(.char))
    }

    func testLargeLists() throws {
        let numbers = (0..<100_000).map { Value.u32(UInt32($0) &* 2_654_435_761) }
        let text = WAVE.format(.list(numbers))
        XCTAssertEqual(try WAVE.parse(text, as: .list(.u32)), .list(numbers))

        let bytes = Value.list((0..<1_048_576).map { .u8(UInt8(truncatingIfNeeded: $0)) })
        XCTAssertEqual(try WAVE.parse(WAVE.format(bytes), as: .list(.u8)), bytes)

        let big = String(repeating: "WAVE 🌊 ", count: 50_000)
        XCTAssertEqual(try WAVE.parse(WAVE.format(.string(big)), as: .string), .string(big))
    }

    func testRecords() {
        assertRoundTrip(#"{x: 1, y: -2, label: "p"}"#, Types.point)
        assertRoundTrip(#"{name: "dot", corners: [], origin: none}"#, Types.shape)
        assertParses(#"{ label: "p", y: 2, x: 1, }"#, Types.point, .record(["x": .s32(1), "y": .s32(2), "label": .string("p")]))
        assertParses(#"{%x: 1, y: 2, label: ""}"#, Types.point, .record(["x": .s32(1), "y": .s32(2), "label": .string("")]))
    }

    func testRecordOptionFieldsMayBeLeftOut() {
        let basic = ValueType.record([.init("required", .u8), .init("optional", .option(.u8))])
        assertParses("{required: 1}", basic, .record(["required": .u8(1), "optional": .option(nil)]))
        assertParses("{optional: some(2), required: 1}", basic, .record(["required": .u8(1), "optional": .option(.u8(2))]))
        let allOptional = ValueType.record([.init("a", .option(.u8)), .init("b", .option(.u8))])
        assertParses("{:}", allOptional, .record(["a": .option(nil), "b": .option(nil)]))
        assertParses("{ : }", allOptional, .record(["a": .option(nil), "b": .option(nil)]))
        assertParses("{b: 2}", allOptional, .record(["a": .option(nil), "b": .option(.u8(2))]))
        assertRoundTrip("{:}", .record([]))
    }

    func testRecordFieldsMaySpellKeywords() {
        let type = ValueType.record([
            .init("true", .bool), .init("some", .option(.u8)), .init("none", .option(.u8)), .init("ok", .result(ok: nil, err: nil)),
            .init("err", .result(ok: nil, err: nil)), .init("inf", .f32), .init("nan", .f32),
        ])
        assertRoundTrip("{true: true, some: some(1), none: none, ok: ok, err: err, inf: inf, nan: nan}", type)
        assertParses("{%true: false, %inf: 1, %nan: 2, %ok: ok, %err: ok}", type, .record([
            "true": .bool(false), "some": .option(nil), "none": .option(nil), "ok": .ok(nil), "err": .ok(nil),
            "inf": .f32(1), "nan": .f32(2),
        ]))
    }

    func testTuples() {
        assertRoundTrip(#"(1, "two", 3.5)"#, .tuple([.u8, .string, .f64]))
        assertRoundTrip("((1, 2), [(3, 4)])", .tuple([.tuple([.u8, .u8]), .list(.tuple([.u8, .u8]))]))
        assertParses("( 1 , 2 , )", .tuple([.u8, .u8]), .tuple([.u8(1), .u8(2)]))
    }

    func testVariants() {
        assertRoundTrip(#"click({x: 1, y: 2, label: "here"})"#, Types.event)
        assertRoundTrip("key('k')", Types.event)
        assertRoundTrip("resize((640, 480))", Types.event)
        assertRoundTrip("quit", Types.event)
        assertParses("click ( {x: 1, y: 2, label: \"\"} )", Types.event,
                     .variant("click", .record(["x": .s32(1), "y": .s32(2), "label": .string("")])))
        let response = ValueType.variant([.init("empty"), .init("body", .list(.u8)), .init("err", .string)])
        assertRoundTrip(#"%err("oops")"#, response)
        assertRoundTrip("body([79, 75])", response)
        assertParses("%empty", response, .variant("empty", nil))
    }

    func testEnums() {
        assertRoundTrip("green", Types.color)
        assertParses("%green", Types.color, .enumCase("green"))
        let status = ValueType.enumeration(["ok", "not-found", "HTTP3", "method-GET", "none"])
        assertRoundTrip("%ok", status)
        assertRoundTrip("not-found", status)
        assertRoundTrip("HTTP3", status)
        assertRoundTrip("method-GET", status)
        assertRoundTrip("%none", status)
    }

    func testOptions() {
        assertRoundTrip(#"some("x")"#, .option(.string))
        assertRoundTrip("none", .option(.string))
        assertRoundTrip("some(some(1))", .option(.option(.u8)))
        assertRoundTrip("some(none)", .option(.option(.u8)))
        assertRoundTrip("some(ok(1))", .option(.result(ok: .u8, err: nil)))
        // A `some` may be written as its bare payload, unless that is an option or result.
        assertParses("123", .option(.u8), .option(.u8(123)))
        assertParses(#""flat some""#, .option(.string), .option(.string("flat some")))
        assertParses("[none, 1, some(2)]", .list(.option(.u8)), .list([.option(nil), .option(.u8(1)), .option(.u8(2))]))
        guard case .option(.f64(let flatNaN)?) = try? WAVE.parse("nan", as: .option(.f64)) else {
            return XCTFail("nan as option<f64>")
        }
        XCTAssertTrue(flatNaN.isNaN)
    }

    func testResults() {
        let both = ValueType.result(ok: .u32, err: .string)
        assertRoundTrip("ok(7)", both)
        assertRoundTrip(#"err("bad")"#, both)
        assertRoundTrip("ok", .result(ok: nil, err: nil))
        assertRoundTrip("err", .result(ok: nil, err: nil))
        assertRoundTrip("ok", .result(ok: nil, err: .string))
        assertRoundTrip(#"err("oops")"#, .result(ok: nil, err: .string))
        assertRoundTrip("err", .result(ok: .u8, err: nil))
        assertRoundTrip("ok(err(1))", .result(ok: .result(ok: nil, err: .u8), err: nil))
        // An `ok` may be written as its bare payload, unless that is an option or result.
        assertParses("123", .result(ok: .u8, err: nil), .ok(.u8(123)))
        assertParses(#""fine""#, .result(ok: .string, err: .string), .ok(.string("fine")))
    }

    func testFlags() {
        assertRoundTrip("{read, exec}", Types.perms)
        assertRoundTrip("{}", Types.perms)
        assertRoundTrip("{read, write, exec}", Types.perms)
        assertParses("{ exec, %read, }", Types.perms, .flags(["read", "exec"]))
        let keywords = ValueType.flags(["none", "ok"])
        assertRoundTrip("{none, ok}", keywords)
    }

    func testNestedValues() {
        assertRoundTrip(
            #"{name: "tri", corners: [{x: 0, y: 0, label: "a"}, {x: -4, y: 7, label: "ü"}], origin: some({x: 1, y: 2, label: ""})}"#,
            Types.shape)
        let tree = ValueType.list(.variant([.init("leaf", .u8), .init("pair", .tuple([Types.event, .option(Types.shape)]))]))
        assertRoundTrip(
            #"[leaf(1), pair((quit, some({name: "n", corners: [{x: 1, y: 2, label: "🎉"}], origin: none}))), pair((key('\n'), none))]"#,
            tree)
        let deep = (0..<50).reduce(ValueType.u8) { inner, _ in .list(inner) }
        let deepText = String(repeating: "[", count: 50) + "7" + String(repeating: "]", count: 50)
        assertRoundTrip(deepText, deep)
    }

    func testWhitespaceAndComments() {
        assertParses(" \t\r\n 42 \n", .u8, .u8(42))
        let text = """
            {           // a shape
              name: "a", // its name
              // no corners yet
              corners: [
              ],
              origin: none, // trailing comma, then a comment
            }
            """
        assertParses(text, Types.shape, .record(["name": .string("a"), "corners": .list([]), "origin": .option(nil)]))
    }
}
