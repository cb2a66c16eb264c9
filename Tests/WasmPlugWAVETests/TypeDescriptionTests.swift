@testable import WasmPlugEngine
import WasmPlugWAVE
import XCTest

/// `WAVE.describe` writes types in WIT-like syntax.
final class TypeDescriptionTests: XCTestCase {
    func testScalarsAndContainers() {
        let expected: [(ValueType, String)] = [
            (.bool, "bool"), (.s8, "s8"), (.u8, "u8"), (.s16, "s16"), (.u16, "u16"), (.s32, "s32"), (.u32, "u32"),
            (.s64, "s64"), (.u64, "u64"), (.f32, "f32"), (.f64, "f64"), (.char, "char"), (.string, "string"),
            (.list(.string), "list<string>"),
            (.list(.list(.u8)), "list<list<u8>>"),
            (.option(.u8), "option<u8>"),
            (.result(ok: .u32, err: .string), "result<u32, string>"),
            (.result(ok: nil, err: .string), "result<_, string>"),
            (.result(ok: .u32, err: nil), "result<u32>"),
            (.result(ok: nil, err: nil), "result"),
            (.tuple([.u8, .string]), "tuple<u8, string>"),
            (.future(.u8), "future<u8>"), (.future(nil), "future"),
            (.stream(.u8), "stream<u8>"), (.stream(nil), "stream"),
            (.errorContext, "error-context"),
        ]
        for (type, text) in expected { XCTAssertEqual(WAVE.describe(type), text) }
    }

    func testNamedKindsAreWrittenOut() {
        XCTAssertEqual(WAVE.describe(.record([.init("x", .s32), .init("y", .s32)])), "record { x: s32, y: s32 }")
        XCTAssertEqual(WAVE.describe(.variant([.init("a", .u32), .init("b")])), "variant { a(u32), b }")
        XCTAssertEqual(WAVE.describe(.enumeration(["red", "green"])), "enum { red, green }")
        XCTAssertEqual(WAVE.describe(.flags(["read", "write"])), "flags { read, write }")
        XCTAssertEqual(WAVE.describe(.option(Types.shape)),
                       "option<record { name: string, corners: list<record { x: s32, y: s32, label: string }>, "
                           + "origin: option<record { x: s32, y: s32, label: string }> }>")
    }

    func testResources() {
        let counter = HostResourceType(name: "counter")
        let named = ResourceType(owning: counter.makeRawType(), name: "counter")
        let unnamed = ResourceType(owning: counter.makeRawType())
        XCTAssertEqual(WAVE.describe(.own(named)), "own<counter>")
        XCTAssertEqual(WAVE.describe(.borrow(named)), "borrow<counter>")
        XCTAssertEqual(WAVE.describe(.own(unnamed)), "own<resource>")
        XCTAssertEqual(WAVE.describe(.list(.borrow(unnamed))), "list<borrow<resource>>")
    }

    func testResourceArgumentsAreRefusedClearly() {
        let counter = ResourceType(owning: HostResourceType(name: "counter").makeRawType(), name: "counter")
        XCTAssertEqual(parseError("5", .own(counter)), "cannot read a value of type own<counter> (WAVE has no syntax for resources)")
        XCTAssertThrowsError(try WAVE.parseArguments(["c"], types: [.init("self", .borrow(counter))])) { error in
            XCTAssertEqual("\(error)", "argument self: cannot read a value of type borrow<counter> (WAVE has no syntax for resources)")
        }
    }
}
