import WasmPlugEngine
import WasmPlugWAVE
import WasmPlugTestSupport
import XCTest

/// Types the tests share, shaped like the test guests' WIT.
enum Types {
    static let point = ValueType.record([.init("x", .s32), .init("y", .s32), .init("label", .string)])
    static let shape = ValueType.record([
        .init("name", .string), .init("corners", .list(point)), .init("origin", .option(point)),
    ])
    static let event = ValueType.variant([
        .init("click", point), .init("key", .char), .init("resize", .tuple([.u32, .u32])), .init("quit"),
    ])
    static let color = ValueType.enumeration(["red", "green", "blue"])
    static let perms = ValueType.flags(["read", "write", "exec"])
}

/// Parses `text`, checks that formatting gives `text` back, and that the formatted text parses
/// to the same value.
func assertRoundTrip(_ text: String, _ type: ValueType, file: StaticString = #filePath, line: UInt = #line) {
    do {
        let value = try WAVE.parse(text, as: type)
        let formatted = WAVE.format(value)
        XCTAssertEqual(formatted, text, file: file, line: line)
        let reparsed = try WAVE.parse(formatted, as: type)
        XCTAssertEqual(WAVE.format(reparsed), text, file: file, line: line)
        if !value.containsNaN { XCTAssertEqual(reparsed, value, file: file, line: line) }
    } catch {
        XCTFail("\(text) as \(WAVE.describe(type)): \(error)", file: file, line: line)
    }
}

/// Parses `text` and checks the value.
func assertParses(_ text: String, _ type: ValueType, _ expected: Value, file: StaticString = #filePath, line: UInt = #line) {
    do {
        let value = try WAVE.parse(text, as: type)
        XCTAssertEqual(value, expected, text, file: file, line: line)
    } catch {
        XCTFail("\(text) as \(WAVE.describe(type)): \(error)", file: file, line: line)
    }
}

/// The one-line message for `text` as `type`, or "no error".
func parseError(_ text: String, _ type: ValueType) -> String {
    do {
        let value = try WAVE.parse(text, as: type)
        return "no error: parsed \(WAVE.format(value))"
    } catch {
        return error.description
    }
}

extension Value {
    var containsNaN: Bool {
        switch self {
        case .f32(let value): value.isNaN
        case .f64(let value): value.isNaN
        case .list(let values), .tuple(let values): values.contains { $0.containsNaN }
        case .record(let fields): fields.contains { $0.value.containsNaN }
        case .variant(_, let payload?), .option(let payload?), .ok(let payload?), .err(let payload?): payload.containsNaN
        default: false
        }
    }
}

