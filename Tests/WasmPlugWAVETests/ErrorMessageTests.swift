import WasmPlugEngine
import WasmPlugWAVE
import XCTest

/// Every way a value can be wrong produces one line naming what was expected and where.
final class ErrorMessageTests: XCTestCase {
    func testBools() {
        XCTAssertEqual(parseError("yes", .bool), #"expected bool (true or false), found "yes""#)
        XCTAssertEqual(parseError("%true", .bool), #"expected bool (true or false), found "%true""#)
        XCTAssertEqual(parseError("", .bool), "expected bool (true or false), found end of text")
    }

    func testIntegers() {
        XCTAssertEqual(parseError("300", .u8), #"expected u8, found "300" (out of range 0...255)"#)
        XCTAssertEqual(parseError("-129", .s8), #"expected s8, found "-129" (out of range -128...127)"#)
        XCTAssertEqual(parseError("-1", .u32), #"expected u32, found "-1" (out of range 0...4294967295)"#)
        XCTAssertEqual(parseError("18446744073709551616", .u64),
                       #"expected u64, found "18446744073709551616" (out of range 0...18446744073709551615)"#)
        XCTAssertEqual(parseError("[1, 2, 256]", .list(.u8)), #"expected u8, found "256" at offset 7 (out of range 0...255)"#)
        XCTAssertEqual(parseError("1.5", .u8), #"expected u8, found "1.5" (not an integer)"#)
        XCTAssertEqual(parseError("1e3", .u16), #"expected u16, found "1e3" (not an integer)"#)
        XCTAssertEqual(parseError("007", .u8), #"expected u8, found "007""#)
        XCTAssertEqual(parseError("+5", .s32), #"expected s32, found "+5""#)
        XCTAssertEqual(parseError("0x1F", .u8), #"expected u8, found "0x1F""#)
        XCTAssertEqual(parseError(#""5""#, .u8), #"expected u8, found string "5""#)
        XCTAssertEqual(parseError("", .s64), "expected s64, found end of text")
    }

    func testFloats() {
        XCTAssertEqual(parseError("-nan", .f32), #"expected f32, found "-nan""#)
        XCTAssertEqual(parseError("NaN", .f64), #"expected f64, found "NaN""#)
        XCTAssertEqual(parseError("Infinity", .f64), #"expected f64, found "Infinity""#)
        XCTAssertEqual(parseError("1.", .f64), #"expected f64, found "1.""#)
        XCTAssertEqual(parseError(".5", .f64), #"expected f64, found ".5""#)
        XCTAssertEqual(parseError("1e", .f32), #"expected f32, found "1e""#)
        XCTAssertEqual(parseError("(1)", .f32), #"expected f32, found "(""#)
    }

    func testChars() {
        XCTAssertEqual(parseError("''", .char), "expected char, found '' (a char is exactly one Unicode scalar value)")
        XCTAssertEqual(parseError("'ab'", .char), "expected char, found 'ab' (a char is exactly one Unicode scalar value)")
        XCTAssertEqual(parseError(#"'\n\n'"#, .char), #"expected char, found '\n\n' (a char is exactly one Unicode scalar value)"#)
        XCTAssertEqual(parseError("'x", .char), "unterminated char starting at offset 0")
        XCTAssertEqual(parseError("x", .char), #"expected char, found "x""#)
        XCTAssertEqual(parseError(#""x""#, .char), #"expected char, found string "x""#)
        XCTAssertEqual(parseError("'\n'", .char), #"line break in char starting at offset 0 (write \n instead)"#)
        XCTAssertEqual(parseError(#"'\z'"#, .char),
                       #"invalid escape "\z" at offset 1 (expected \\, \', \", \t, \n, \r or \u{...})"#)
        XCTAssertEqual(parseError(#"'\x1f'"#, .char),
                       #"invalid escape "\x" at offset 1 (expected \\, \', \", \t, \n, \r or \u{...})"#)
        XCTAssertEqual(parseError(#"'\u1f'"#, .char), #"invalid escape "\u1f" at offset 1 (write \u{hex digits})"#)
        XCTAssertEqual(parseError(#"'\u{1f'"#, .char), #"invalid escape "\u{1f" at offset 1 (write \u{hex digits})"#)
        XCTAssertEqual(parseError(#"'\u{}'"#, .char), #"invalid escape "\u{}" at offset 1 (write \u{hex digits})"#)
        XCTAssertEqual(parseError(#"'\u{d800}'"#, .char), #"invalid escape "\u{d800}" at offset 1 (not a Unicode scalar value)"#)
        XCTAssertEqual(parseError(#"'\u{110000}'"#, .char), #"invalid escape "\u{110000}" at offset 1 (not a Unicode scalar value)"#)
        XCTAssertEqual(parseError(#"'\u{ffffffffff}'"#, .char),
                       #"invalid escape "\u{ffffffffff}" at offset 1 (not a Unicode scalar value)"#)
    }

    func testStrings() {
        XCTAssertEqual(parseError(#"  "abc"#, .string), "unterminated string starting at offset 2")
        XCTAssertEqual(parseError(#""abc\""#, .string), "unterminated string starting at offset 0")
        XCTAssertEqual(parseError("\"two\nlines\"", .string), #"line break in string starting at offset 0 (write \n instead)"#)
        XCTAssertEqual(parseError(#""a\qb""#, .string),
                       #"invalid escape "\q" at offset 2 (expected \\, \', \", \t, \n, \r or \u{...})"#)
        XCTAssertEqual(parseError("abc", .string), #"expected string, found "abc""#)
        XCTAssertEqual(parseError("'a'", .string), "expected string, found char 'a'")
        XCTAssertEqual(parseError(#""a" "b""#, .string), #"unexpected string "b" after the value at offset 4"#)
        // Control characters in quoted text are escaped, so the message stays on one line.
        XCTAssertEqual(parseError("\"a\rb\tc\"", .u8), #"expected u8, found string "a\rb\tc""#)
        XCTAssertEqual(parseError("'\u{1}\u{2}'", .char), #"expected char, found '\u{01}\u{02}' (a char is exactly one Unicode scalar value)"#)
    }

    func testMultilineStrings() {
        XCTAssertEqual(parseError("\"\"\"x\n\"\"\"", .string),
                       #"a multiline string's opening """ must be followed by a line break at offset 3"#)
        XCTAssertEqual(parseError("\"\"\"\"\"\"", .string),
                       #"a multiline string's opening """ must be followed by a line break at offset 3"#)
        XCTAssertEqual(parseError("\"\"\"\nextra\"\"\"", .string),
                       #"a multiline string's closing """ must be on its own line, after nothing but spaces at offset 9"#)
        XCTAssertEqual(parseError("\"\"\"\n  a\n b\n  \"\"\"", .string),
                       #"a line of a multiline string is indented less than its closing """ at offset 8"#)
        XCTAssertEqual(parseError("\"\"\"\nnever closed\n", .string), "unterminated multiline string starting at offset 0")
        XCTAssertEqual(parseError("\"\"\"\nInvalid escape: \\j\n\"\"\"", .string),
                       #"invalid escape "\j" at offset 20 (expected \\, \', \", \t, \n, \r or \u{...})"#)
    }

    func testLists() {
        XCTAssertEqual(parseError("[1, 2", .list(.u8)), "unterminated list starting at offset 0")
        XCTAssertEqual(parseError("[1 2]", .list(.u8)), #"expected ',' or ']' in list<u8>, found "2" at offset 3"#)
        XCTAssertEqual(parseError("[,]", .list(.u8)), #"expected u8, found "," at offset 1"#)
        XCTAssertEqual(parseError("[1,,]", .list(.u8)), #"expected u8, found "," at offset 3"#)
        XCTAssertEqual(parseError("[1)", .list(.u8)), #"expected ',' or ']' in list<u8>, found ")" at offset 2"#)
        XCTAssertEqual(parseError("(1)", .list(.u8)), #"expected list<u8>, found "(""#)
        XCTAssertEqual(parseError("[1] [2]", .list(.u8)), #"unexpected "[" after the value at offset 4"#)
    }

    func testTuples() {
        XCTAssertEqual(parseError("(1)", .tuple([.u8, .string])), "expected 2 elements for tuple<u8, string>, found 1")
        XCTAssertEqual(parseError(#"(1, "a", 3)"#, .tuple([.u8, .string])), "too many elements for tuple<u8, string> at offset 9")
        XCTAssertEqual(parseError("[1, 2]", .tuple([.u8, .u8])), #"expected tuple<u8, u8>, found "[""#)
    }

    func testRecords() {
        XCTAssertEqual(parseError("{x: 1}", Types.point), #"missing field "y" for record { x: s32, y: s32, label: string }"#)
        XCTAssertEqual(parseError(#"{x: 1, y: 2, label: "", z: 3}"#, Types.point),
                       #"record { x: s32, y: s32, label: string } has no field "z" at offset 24"#)
        XCTAssertEqual(parseError("{x: 1, x: 2}", Types.point), #"field "x" given twice at offset 7"#)
        XCTAssertEqual(parseError("{x 1}", Types.point), #"expected ':' after field name "x", found "1" at offset 3"#)
        XCTAssertEqual(parseError("{x: 1,, y: 2}", Types.point),
                       #"expected a field name of record { x: s32, y: s32, label: string }, found "," at offset 6"#)
        XCTAssertEqual(parseError(#"{x: "1"}"#, Types.point), #"expected s32, found string "1" at offset 4"#)
        let allOptional = ValueType.record([.init("a", .option(.u8))])
        XCTAssertEqual(parseError("{}", allOptional),
                       #"expected a field of record { a: option<u8> }, found "}" (write {:} to leave out every field)"#)
        XCTAssertEqual(parseError("{}", Types.point), #"missing field "x" for record { x: s32, y: s32, label: string }"#)
        XCTAssertEqual(parseError("{:}", Types.point), #"missing field "x" for record { x: s32, y: s32, label: string }"#)
        XCTAssertEqual(parseError("{x: 1, y: 2, label: \"\"", Types.point), "unterminated record starting at offset 0")
    }

    func testVariants() {
        XCTAssertEqual(parseError("jump", Types.event),
                       #"unknown case "jump" for variant { click(record { x: s32, y: s32, label: string }), key(char), resize(tuple<u32, u32>), quit }"#)
        XCTAssertEqual(parseError("key", Types.event), "key needs a payload of type char at offset 3 (write key(...))")
        XCTAssertEqual(parseError("quit()", Types.event), #"quit takes no payload, found "(" at offset 4"#)
        XCTAssertEqual(parseError("key('a'", Types.event), "expected ')' after the payload of key, found end of text at offset 7")
        XCTAssertEqual(parseError("key()", Types.event), #"expected char, found ")" at offset 4"#)
        let response = ValueType.variant([.init("empty"), .init("err", .string)])
        XCTAssertEqual(parseError(#"err("x")"#, response),
                       #""err" is a WAVE keyword (write %err for the case of variant { empty, err(string) })"#)
        XCTAssertEqual(parseError("5", response), #"expected variant { empty, err(string) }, found "5""#)
    }

    func testEnums() {
        XCTAssertEqual(parseError("purple", Types.color), #"unknown enum case "purple" for enum { red, green, blue }"#)
        XCTAssertEqual(parseError("Red", Types.color), #"unknown enum case "Red" for enum { red, green, blue }"#)
        XCTAssertEqual(parseError("red(1)", Types.color), #"unexpected "(" after the value at offset 3"#)
        let keywords = ValueType.enumeration(["true", "nan"])
        XCTAssertEqual(parseError("nan", keywords), #""nan" is a WAVE keyword (write %nan for the enum case of enum { true, nan })"#)
        XCTAssertEqual(parseError("%false", keywords), #"unknown enum case "false" for enum { true, nan }"#)
    }

    func testOptions() {
        XCTAssertEqual(parseError("some", .option(.u8)), "some needs a payload of type u8 at offset 4 (write some(...))")
        XCTAssertEqual(parseError("some()", .option(.u8)), #"expected u8, found ")" at offset 5"#)
        XCTAssertEqual(parseError("none(0)", .option(.u8)), #"none takes no payload, found "(" at offset 4"#)
        XCTAssertEqual(parseError("some(some(0))", .option(.u8)), #"expected u8, found "some" at offset 5"#)
        XCTAssertEqual(parseError("5", .option(.option(.u8))), #"expected some(...) or none for option<option<u8>>, found "5""#)
        XCTAssertEqual(parseError("ok", .option(.result(ok: nil, err: nil))),
                       #"expected some(...) or none for option<result>, found "ok""#)
        XCTAssertEqual(parseError("nothing", .option(.u8)), #"expected u8, found "nothing""#)
    }

    func testResults() {
        XCTAssertEqual(parseError("ok", .result(ok: .u8, err: nil)), "ok needs a payload of type u8 at offset 2 (write ok(...))")
        XCTAssertEqual(parseError("err(0)", .result(ok: .u8, err: nil)), #"err takes no payload, found "(" at offset 3"#)
        XCTAssertEqual(parseError("ok(0)", .result(ok: nil, err: nil)), #"ok takes no payload, found "(" at offset 2"#)
        XCTAssertEqual(parseError("o(0)", .result(ok: nil, err: .u8)), #"expected ok or err for result<_, u8>, found "o""#)
        XCTAssertEqual(parseError("5", .result(ok: .option(.u8), err: nil)),
                       #"expected ok or err for result<option<u8>>, found "5""#)
        XCTAssertEqual(parseError("err", .result(ok: .u8, err: .string)),
                       "err needs a payload of type string at offset 3 (write err(...))")
    }

    func testFlags() {
        XCTAssertEqual(parseError("{read, fly}", Types.perms), #"unknown flag "fly" for flags { read, write, exec } at offset 7"#)
        XCTAssertEqual(parseError("{read, read}", Types.perms), #"flag "read" given twice at offset 7"#)
        XCTAssertEqual(parseError("{read: true}", Types.perms), #"expected ',' or '}' in flags { read, write, exec }, found ":" at offset 5"#)
        XCTAssertEqual(parseError("{1}", Types.perms), #"expected a flag of flags { read, write, exec }, found "1" at offset 1"#)
        XCTAssertEqual(parseError("read", Types.perms), #"expected flags { read, write, exec }, found "read""#)
    }

    func testTypesWithoutWAVESyntax() {
        XCTAssertEqual(parseError("x", .future(.u8)),
                       "cannot read a value of type future<u8> (WAVE has no syntax for futures, streams or error contexts)")
        XCTAssertEqual(parseError("[x]", .list(.stream(nil))),
                       "cannot read a value of type stream at offset 1 (WAVE has no syntax for futures, streams or error contexts)")
        XCTAssertEqual(parseError("x", .errorContext),
                       "cannot read a value of type error-context (WAVE has no syntax for futures, streams or error contexts)")
    }

    func testCommentsAreNotValues() {
        XCTAssertEqual(parseError("// 5", .u8), "expected u8, found end of text at offset 4")
        XCTAssertEqual(parseError("[1, // 2]", .list(.u8)), "unterminated list starting at offset 0")
        XCTAssertEqual(parseError("[ // 1, 2]", .list(.u8)), "unterminated list starting at offset 0")
    }

    func testLongTokensAreShortenedInMessages() {
        let shortened = String(repeating: "9", count: 32) + "…"
        XCTAssertEqual(parseError(String(repeating: "9", count: 40), .u8),
                       "expected u8, found \"\(shortened)\" (out of range 0...255)")
        XCTAssertEqual(parseError("[\(String(repeating: "9", count: 40))]", .list(.bool)),
                       "expected bool (true or false), found \"\(shortened)\" at offset 1")
    }

    func testErrorsKeepTheirParts() {
        do {
            _ = try WAVE.parse("[1, 300]", as: .list(.u8))
            XCTFail("no error")
        } catch {
            XCTAssertEqual(error.message, #"expected u8, found "300" (out of range 0...255)"#)
            XCTAssertEqual(error.offset, 4)
        }
    }
}
