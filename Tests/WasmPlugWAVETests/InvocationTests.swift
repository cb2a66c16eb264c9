import WasmPlugEngine
import WasmPlugWAVE
import XCTest

/// `name(arguments)` splits into the name and each argument's text, which parse against the
/// function's parameters.
final class InvocationTests: XCTestCase {
    func invocationError(_ text: String) -> String {
        do {
            let call = try WAVE.parseInvocation(text)
            return "no error: \(call)"
        } catch {
            return error.description
        }
    }

    func argumentsError(_ texts: [String], _ parameters: [ValueType.Field]) -> String {
        do {
            let values = try WAVE.parseArguments(texts, types: parameters)
            return "no error: \(values.map(WAVE.format))"
        } catch {
            return error.description
        }
    }

    func testSplitsArgumentsAtTopLevelCommasOnly() throws {
        let call = try WAVE.parseInvocation(
            #"wasmplug:test/echo@0.1.0#echo-shape({name: "a, b", corners: [], origin: none}, 'x', ',', ")", (1, [2, 3]), key(')'))"#)
        XCTAssertEqual(call.name, "wasmplug:test/echo@0.1.0#echo-shape")
        XCTAssertEqual(call.arguments, [
            #"{name: "a, b", corners: [], origin: none}"#, "'x'", "','", #"")""#, "(1, [2, 3])", "key(')')",
        ])
    }

    func testEscapesCommentsAndMultilineStringsDoNotSplit() throws {
        XCTAssertEqual(try WAVE.parseInvocation(#"f("a\", b", '\'', "\\")"#).arguments, [#""a\", b""#, #"'\''"#, #""\\""#])
        XCTAssertEqual(try WAVE.parseInvocation("f(1, // two, three)\n 2)").arguments, ["1", "2"])
        XCTAssertEqual(try WAVE.parseInvocation("f([1, // two, three)\n 2])").arguments, ["[1, // two, three)\n 2]"])
        XCTAssertEqual(try WAVE.parseInvocation("f(\"\"\"\n  a, b)\n  \"\"\", 2)").arguments, ["\"\"\"\n  a, b)\n  \"\"\"", "2"])
        XCTAssertEqual(try WAVE.parseInvocation(#"f("", "")"#).arguments, [#""""#, #""""#])
    }

    func testNames() throws {
        XCTAssertEqual(try WAVE.parseInvocation("[method]counter.increment()").name, "[method]counter.increment")
        XCTAssertEqual(try WAVE.parseInvocation("[constructor]counter(5)").arguments, ["5"])
        XCTAssertEqual(try WAVE.parseInvocation("wasi:cli/run@0.2.0#run()").name, "wasi:cli/run@0.2.0#run")
        XCTAssertEqual(try WAVE.parseInvocation("wasmplug:test/echo#echo-string(\"x\")").name, "wasmplug:test/echo#echo-string")
    }

    func testWhitespaceAndTrailingCommas() throws {
        let call = try WAVE.parseInvocation("  add ( 1 ,\n 2 , )  ")
        XCTAssertEqual(call.name, "add")
        XCTAssertEqual(call.arguments, ["1", "2"])
        XCTAssertEqual(try WAVE.parseInvocation("answer()").arguments, [])
        XCTAssertEqual(try WAVE.parseInvocation("answer( )").arguments, [])
    }

    func testInvocationErrors() {
        XCTAssertEqual(invocationError("add"), #"expected '(' after "add" at offset 3 (write add() to call it without arguments)"#)
        XCTAssertEqual(invocationError("add 1, 2"),
                       #"expected '(' after "add", found "1" at offset 4 (write add() to call it without arguments)"#)
        XCTAssertEqual(invocationError(""), "expected a function name, as in add(1, 2), found end of text")
        XCTAssertEqual(invocationError("(1, 2)"), #"expected a function name, as in add(1, 2), found "(""#)
        XCTAssertEqual(invocationError("add(1, 2"), "unterminated argument list starting at offset 3 (missing ')')")
        XCTAssertEqual(invocationError("add(1) extra"), #"unexpected "extra" after the call at offset 7"#)
        XCTAssertEqual(invocationError("add(1,,2)"), #"expected an argument, found "," at offset 6"#)
        XCTAssertEqual(invocationError("add(,)"), #"expected an argument, found "," at offset 4"#)
        XCTAssertEqual(invocationError("f([1, 2)"), #"expected "]", found ")" at offset 7"#)
        XCTAssertEqual(invocationError("f(1])"), #"unexpected "]" with no opening bracket at offset 3"#)
        XCTAssertEqual(invocationError(#"f("abc)"#), "unterminated string starting at offset 2")
        XCTAssertEqual(invocationError("f('a"), "unterminated char starting at offset 2")
        XCTAssertEqual(invocationError("f(\"\"\"\nabc)"), "unterminated multiline string starting at offset 2")
        XCTAssertEqual(invocationError("my func()"), #"expected '(' after "my", found "func" at offset 3 (write my() to call it without arguments)"#)
        XCTAssertEqual(invocationError("add!(1)"), #"unexpected "!" in function name "add!" at offset 3"#)
    }

    func testArgumentsParseAgainstParameters() throws {
        let parameters: [ValueType.Field] = [.init("a", .u32), .init("b", .string)]
        XCTAssertEqual(try WAVE.parseArguments(["1", #""x""#], types: parameters), [.u32(1), .string("x")])
        XCTAssertEqual(try WAVE.parseArguments([], types: []), [])
    }

    func testTrailingOptionArgumentsMayBeLeftOut() throws {
        let parameters: [ValueType.Field] = [.init("a", .option(.u8)), .init("b", .option(.u8)), .init("c", .option(.u8))]
        XCTAssertEqual(try WAVE.parseArguments(["some(1)"], types: parameters), [.option(.u8(1)), .option(nil), .option(nil)])
        XCTAssertEqual(try WAVE.parseArguments([], types: parameters), [.option(nil), .option(nil), .option(nil)])
        let mixed: [ValueType.Field] = [.init("a", .option(.u8)), .init("b", .u8), .init("c", .option(.u8))]
        XCTAssertEqual(try WAVE.parseArguments(["none", "2"], types: mixed), [.option(nil), .u8(2), .option(nil)])
    }

    func testArgumentCountErrors() {
        XCTAssertEqual(argumentsError(["1"], [.init("a", .u32), .init("b", .string)]),
                       "expected 2 arguments (a: u32, b: string), got 1")
        XCTAssertEqual(argumentsError([], [.init("a", .u32)]), "expected 1 argument (a: u32), got 0")
        XCTAssertEqual(argumentsError(["1"], []), "expected no arguments, got 1")
        XCTAssertEqual(argumentsError(["1", "2", "3", "4"], [.init("a", .u8), .init("b", .option(.u8)), .init("c", .option(.u8))]),
                       "expected 1 to 3 arguments (a: u8, b: option<u8>, c: option<u8>), got 4")
        XCTAssertEqual(argumentsError([], [.init("a", .option(.u8)), .init("b", .u8), .init("c", .option(.u8))]),
                       "expected 2 to 3 arguments (a: option<u8>, b: u8, c: option<u8>), got 0")
    }

    func testArgumentErrorsNameTheParameter() {
        let parameters: [ValueType.Field] = [.init("a", .u8), .init("b", .list(.u8))]
        XCTAssertEqual(argumentsError(["300", "[]"], parameters), #"argument a: expected u8, found "300" (out of range 0...255)"#)
        XCTAssertEqual(argumentsError(["1", "[1, x]"], parameters), #"argument b: expected u8, found "x" at offset 4"#)
        XCTAssertEqual(argumentsError(["1", "2"], parameters), #"argument b: expected list<u8>, found "2""#)
    }

    func testThePartsFitTogether() throws {
        let call = try WAVE.parseInvocation(#"echo-shape({name: "dot", corners: [{x: 1, y: -1, label: "é"}]})"#)
        let values = try WAVE.parseArguments(call.arguments, types: [.init("v", Types.shape)])
        XCTAssertEqual(values.map(WAVE.format), [#"{name: "dot", corners: [{x: 1, y: -1, label: "é"}], origin: none}"#])
    }
}
