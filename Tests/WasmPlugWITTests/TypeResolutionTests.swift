import WasmPlugEngine
import WasmPlugWIT
import XCTest

final class TypeResolutionTests: XCTestCase {
    let geoWIT = """
        package example:geo@1.0.0;

        interface types {
            record point { x: f32, y: float64 }
            type points = list<point>;
            flags permissions { read, write }
            enum shape-kind { circle, polygon }
            resource canvas {
                constructor(width: u32, height: u32);
                draw: func(kind: shape-kind, at: points) -> tuple<u32, bool>;
                merge: static func(a: borrow<canvas>, b: own<canvas>) -> canvas;
            }
            type surface = canvas;
        }

        interface shapes {
            use types.{point, canvas as picture, surface, permissions};
            area: func(corners: list<point>) -> f64;
            paint: func(on: borrow<picture>, mode: permissions) -> result;
            render: func(target: surface) -> result<_, string>;
            clear: func();
            count: func() -> result<s64>;
            later: func() -> future<u8>;
        }

        world app {
            import types;
            type id = u64;
            export shapes;
            export example:geo/types@1.0.0;
            export tools: interface {
                record pair { left: s8, right: s16 }
                swap: func(p: pair) -> pair;
                initial: func(name: string) -> option<tuple<char, u16>>;
            }
            export next-id: func(after: id) -> id;
        }

        world minimal {
            export example:geo/shapes;
        }
        """

    let point = WITType.record([.init("x", .f32), .init("y", .f64)])

    func testNamesResolveThroughUseAliasesAndWorldTypes() throws {
        let document = try WITDocument.parse(geoWIT, fileName: "geo.wit")
        XCTAssertEqual(document.worldNames, ["app", "minimal"])
        let exports = try document.exports(ofWorld: "app")
        XCTAssertEqual(exports, [
            .interface(WITInterface(name: "example:geo/shapes@1.0.0", functions: [
                WITFunction(name: "area", parameters: [.init("corners", .list(point))], result: .f64),
                WITFunction(
                    name: "paint", parameters: [.init("on", .borrow("canvas")), .init("mode", .flags(["read", "write"]))],
                    result: .result(ok: nil, err: nil)),
                WITFunction(name: "render", parameters: [.init("target", .own("canvas"))], result: .result(ok: nil, err: .string)),
                WITFunction(name: "clear", parameters: [], result: nil),
                WITFunction(name: "count", parameters: [], result: .result(ok: .s64, err: nil)),
                WITFunction(name: "later", parameters: [], result: .future(.u8)),
            ], resources: [], namedTypes: [
                .init("point", point), .init("permissions", .flags(["read", "write"])), .init("points", .list(point)),
                .init("shape-kind", .enumeration(["circle", "polygon"])),
            ])),
            .interface(WITInterface(name: "example:geo/types@1.0.0", functions: [
                WITFunction(
                    name: "[constructor]canvas", parameters: [.init("width", .u32), .init("height", .u32)],
                    result: .own("canvas")),
                WITFunction(
                    name: "[method]canvas.draw",
                    parameters: [
                        .init("self", .borrow("canvas")), .init("kind", .enumeration(["circle", "polygon"])),
                        .init("at", .list(point)),
                    ],
                    result: .tuple([.u32, .bool])),
                WITFunction(
                    name: "[static]canvas.merge", parameters: [.init("a", .borrow("canvas")), .init("b", .own("canvas"))],
                    result: .own("canvas")),
            ], resources: ["canvas"], namedTypes: [
                .init("point", point), .init("points", .list(point)), .init("permissions", .flags(["read", "write"])),
                .init("shape-kind", .enumeration(["circle", "polygon"])),
            ])),
            .interface(WITInterface(name: "tools", functions: [
                WITFunction(
                    name: "swap", parameters: [.init("p", .record([.init("left", .s8), .init("right", .s16)]))],
                    result: .record([.init("left", .s8), .init("right", .s16)])),
                WITFunction(name: "initial", parameters: [.init("name", .string)], result: .option(.tuple([.char, .u16]))),
            ], resources: [], namedTypes: [.init("pair", .record([.init("left", .s8), .init("right", .s16)]))])),
            .function(WITFunction(name: "next-id", parameters: [.init("after", .u64)], result: .u64)),
        ])
    }

    func testAnUnversionedReferenceToTheOwnPackageGetsItsVersion() throws {
        let exports = try WITDocument.parse(geoWIT, fileName: "geo.wit").exports(ofWorld: "minimal")
        guard case .interface(let shapes) = exports.first else { return XCTFail("\(exports)") }
        XCTAssertEqual(shapes.name, "example:geo/shapes@1.0.0")
    }

    func testCarriageReturnLineEndsAreRead() throws {
        let text = geoWIT.replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(
            try WITDocument.parse(text, fileName: "geo.wit").exports(ofWorld: "app"),
            try WITDocument.parse(geoWIT, fileName: "geo.wit").exports(ofWorld: "app"))
    }

    func testTypesDescribeThemselvesInWITSyntax() {
        let cases: [(WITType, String)] = [
            (.list(.option(.char)), "list<option<char>>"),
            (.tuple([.s8, .u64, .f32]), "tuple<s8, u64, f32>"),
            (point, "record { x: f32, y: f64 }"),
            (.variant([.init("none"), .init("some", .s16)]), "variant { none, some(s16) }"),
            (.enumeration(["a", "b"]), "enum { a, b }"),
            (.flags(["read"]), "flags { read }"),
            (.result(ok: nil, err: nil), "result"),
            (.result(ok: .u8, err: nil), "result<u8>"),
            (.result(ok: nil, err: .string), "result<_, string>"),
            (.result(ok: .bool, err: .string), "result<bool, string>"),
            (.own("file"), "own<file>"),
            (.borrow("file"), "borrow<file>"),
            (.future(nil), "future"),
            (.stream(.u8), "stream<u8>"),
        ]
        for (type, text) in cases {
            XCTAssertEqual(type.description, text)
        }
    }

    func testMatchesComparesStructureWithEngineTypes() {
        let engineError = ValueType.variant([.init("no-such-store"), .init("access-denied"), .init("other", .string)])
        let witError = WITType.variant([.init("no-such-store"), .init("access-denied"), .init("other", .string)])
        let matching: [(WITType, ValueType)] = [
            (.string, .string),
            (.list(.u8), .list(.u8)),
            (point, .record([.init("x", .f32), .init("y", .f64)])),
            (.result(ok: .option(.list(.u8)), err: witError), .result(ok: .option(.list(.u8)), err: engineError)),
            (.result(ok: nil, err: witError), .result(ok: nil, err: engineError)),
            (.tuple([.char, .u16]), .tuple([.char, .u16])),
            (.enumeration(["circle", "polygon"]), .enumeration(["circle", "polygon"])),
            (.flags(["read", "write"]), .flags(["read", "write"])),
            (.future(.u8), .future(.u8)),
            (.stream(nil), .stream(nil)),
        ]
        for (type, engineType) in matching {
            XCTAssertTrue(type.matches(engineType), "\(type) should match \(engineType)")
        }
        let different: [(WITType, ValueType)] = [
            (.string, .char),
            (.f32, .f64),
            (.list(.u8), .list(.s8)),
            (.list(.u8), .option(.u8)),
            (point, .record([.init("x", .f32), .init("z", .f64)])),
            (point, .record([.init("y", .f64), .init("x", .f32)])),
            (point, .record([.init("x", .f32)])),
            (.result(ok: nil, err: witError), .result(ok: .bool, err: engineError)),
            (.result(ok: .bool, err: nil), .result(ok: .bool, err: .string)),
            (witError, .variant([.init("no-such-store"), .init("access-denied"), .init("other")])),
            (witError, .enumeration(["no-such-store", "access-denied", "other"])),
            (.tuple([.char, .u16]), .tuple([.char])),
            (.enumeration(["circle", "polygon"]), .enumeration(["polygon", "circle"])),
            (.flags(["read"]), .enumeration(["read"])),
            (.future(.u8), .stream(.u8)),
            (.s64, .errorContext),
        ]
        for (type, engineType) in different {
            XCTAssertFalse(type.matches(engineType), "\(type) should not match \(engineType)")
        }
    }

    func testFunctionMatchesComparesParameterNamesTypesResultAndAsync() {
        let function = WITFunction(name: "area", parameters: [.init("corners", .list(point))], result: .f64)
        let corners = ValueType.Field("corners", .list(.record([.init("x", .f32), .init("y", .f64)])))
        XCTAssertTrue(function.matches(FunctionType(parameters: [corners], result: .f64)))
        XCTAssertFalse(function.matches(FunctionType(parameters: [corners], result: nil)))
        XCTAssertFalse(function.matches(FunctionType(parameters: [corners], result: .f32)))
        XCTAssertFalse(function.matches(FunctionType(parameters: [.init("points", corners.type)], result: .f64)))
        XCTAssertFalse(function.matches(FunctionType(parameters: [corners, corners], result: .f64)))
        XCTAssertFalse(function.matches(FunctionType(parameters: [corners], result: .f64, isAsync: true)))
    }
}
