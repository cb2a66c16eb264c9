import XCTest

/// `wasmplug run --invoke` round-trips every value kind through a componentize-py guest.
final class InvokeTests: XCTestCase {
    /// Calls `function(argument)` on values.wasm and returns what it printed.
    func echo(_ function: String, _ argument: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try CLI.run(["run", "--invoke", "\(function)(\(argument))", CLI.guest("values.wasm")])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return result.stdout.trimmingCharacters(in: .newlines)
    }

    func testScalarsRoundTrip() throws {
        XCTAssertEqual(try echo("echo-bool", "true"), "true")
        XCTAssertEqual(try echo("echo-s8", "-128"), "-128")
        XCTAssertEqual(try echo("echo-u8", "255"), "255")
        XCTAssertEqual(try echo("echo-s16", "-32768"), "-32768")
        XCTAssertEqual(try echo("echo-u16", "65535"), "65535")
        XCTAssertEqual(try echo("echo-s32", "-2147483648"), "-2147483648")
        XCTAssertEqual(try echo("echo-u32", "4294967295"), "4294967295")
        XCTAssertEqual(try echo("echo-s64", "-9223372036854775808"), "-9223372036854775808")
        XCTAssertEqual(try echo("echo-u64", "18446744073709551615"), "18446744073709551615")
        XCTAssertEqual(try echo("echo-f32", "1.5"), "1.5")
        XCTAssertEqual(try echo("echo-f64", "-0.25"), "-0.25")
        XCTAssertEqual(try echo("echo-char", "'ß'"), "'ß'")
        XCTAssertEqual(try echo("echo-char", "'🎉'"), "'🎉'")
    }

    func testNonASCIIStrings() throws {
        XCTAssertEqual(try echo("echo-string", #""héllo, 世界 🎉""#), #""héllo, 世界 🎉""#)
        XCTAssertEqual(try echo("echo-string", #""quote \" and newline \n""#), #""quote \" and newline \n""#)
        XCTAssertEqual(try echo("echo-string", #""""#), #""""#)
    }

    func testListsIncludingALargeOne() throws {
        XCTAssertEqual(try echo("echo-list", "[1, 2, 3]"), "[1, 2, 3]")
        XCTAssertEqual(try echo("echo-list", "[]"), "[]")
        // The command line caps one argument at 128 KiB, so the 1 MiB list goes through the
        // Swift host import tests; here a list of 20,000 bytes.
        let bytes = (0..<20_000).map { String($0 % 256) }.joined(separator: ", ")
        let result = try CLI.run(["run", "--invoke", "sum([\(bytes)])", CLI.guest("values.wasm")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let expected = (0..<20_000).reduce(0) { $0 + $1 % 256 }
        XCTAssertEqual(result.stdout, "\(expected)\n")
    }

    func testNestedRecordsVariantsEnumsFlagsOptionsResultsTuples() throws {
        let shape = #"{name: "tri", corners: [{x: 0, y: 0, label: "a"}, {x: -4, y: 7, label: "ü"}], origin: some({x: 1, y: 2, label: ""})}"#
        XCTAssertEqual(try echo("echo-shape", shape), shape)
        let noOrigin = #"{name: "dot", corners: [], origin: none}"#
        XCTAssertEqual(try echo("echo-shape", noOrigin), noOrigin)
        XCTAssertEqual(try echo("echo-event", #"click({x: 1, y: 2, label: "here"})"#), #"click({x: 1, y: 2, label: "here"})"#)
        XCTAssertEqual(try echo("echo-event", "key('k')"), "key('k')")
        XCTAssertEqual(try echo("echo-event", "resize((640, 480))"), "resize((640, 480))")
        XCTAssertEqual(try echo("echo-event", "quit"), "quit")
        XCTAssertEqual(try echo("echo-color", "green"), "green")
        XCTAssertEqual(try echo("echo-perms", "{read, exec}"), "{read, exec}")
        XCTAssertEqual(try echo("echo-perms", "{}"), "{}")
        XCTAssertEqual(try echo("echo-option", #"some("x")"#), #"some("x")"#)
        XCTAssertEqual(try echo("echo-option", "none"), "none")
        XCTAssertEqual(try echo("echo-result", "ok(7)"), "ok(7)")
        XCTAssertEqual(try echo("echo-result", #"err("bad")"#), #"err("bad")"#)
        XCTAssertEqual(try echo("echo-tuple", #"(1, "two", 3.5)"#), #"(1, "two", 3.5)"#)
    }

    func testQualifiedNamesWork() throws {
        XCTAssertEqual(try echo("wasmplug:test/echo#add", "2, 40"), "42")
        XCTAssertEqual(try echo("wasmplug:test/echo@0.1.0#add", "2, 40"), "42")
    }

    func testACComponentBuiltWithClang() throws {
        let result = try CLI.run(["run", "--invoke", #"greet("wörld")"#, CLI.guest("calc.wasm")])
        XCTAssertEqual(result.stdout, "\"Hello, wörld!\"\n", result.stderr)
    }

    func testAHandWrittenWATComponent() throws {
        XCTAssertEqual(try CLI.run(["run", "--invoke", "answer()", CLI.guest("answer.wasm")]).stdout, "42\n")
    }
}
