import WasmPlugWIT
import XCTest

final class ErrorTests: XCTestCase {
    /// The error `body` throws, as one line.
    func message(_ body: () throws(WITError) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            XCTAssertFalse(error.description.contains("\n"))
            return error.description
        }
    }

    func exportsError(_ text: String, world: String = "plugin") -> String? {
        message { () throws(WITError) in _ = try WITDocument.parse(text, fileName: "plugin.wit").exports(ofWorld: world) }
    }

    func testSyntaxErrorsNameTheirLineAndColumn() {
        XCTAssertEqual(
            exportsError("""
                package example:plugin;
                interface api {
                    get: func(key: string) -> option<list<u8>;
                }
                """),
            "plugin.wit:3:46: expected '>', got ';'")
        XCTAssertEqual(
            exportsError("""
                package example:plugin;
                // A comment, then a record missing its colon.
                interface api {
                    record r { a u32 }
                }
                """),
            "plugin.wit:4:18: expected ':', got 'u32'")
        XCTAssertEqual(
            exportsError("package example:plugin;\n\nworld plugin {\n    export run: func(x: )\n}"),
            "plugin.wit:4:25: expected a type, got ')'")
        XCTAssertEqual(
            exportsError("""
                package example:plugin;
                /* Größe
                   über */ interface api {
                    record r { a u32 }
                }
                """),
            "plugin.wit:4:18: expected ':', got 'u32'")
    }

    func testAnUnterminatedBlockCommentIsReported() {
        // WasmKit's lexer would read the rest of the file as the comment.
        XCTAssertEqual(
            exportsError("package example:plugin;\n/* outer /* inner */\nworld plugin {}"),
            "plugin.wit:2:1: unterminated block comment")
    }

    func testAnUnfinishedDocumentFailsAtItsEnd() {
        XCTAssertEqual(
            exportsError("package example:plugin;\ninterface api {\n    run: func(x: u32"),
            "plugin.wit:3:21: expected ')', got end of file")
    }

    func testACharacterOutsideWITIsRejectedWhereItIs() {
        // WasmKit's lexer would stop at the `$` and read the rest as missing.
        XCTAssertEqual(
            exportsError("package example:plugin;\ninterface api {\n    run: func();\n}\n$ world plugin { export api; }"),
            "plugin.wit:5:1: unexpected character '$'")
    }

    func testAnUnknownWorldListsTheWorldsThereAre() {
        let text = "package example:plugin;\nworld one {}\nworld two {}"
        XCTAssertEqual(exportsError(text, world: "three"), "plugin.wit: no world named 'three': it has one, two")
        XCTAssertEqual(
            exportsError("package example:plugin;", world: "one"),
            "plugin.wit: no world named 'one': the document has none")
    }

    func testAnUnknownTypeIsNamedWhereItIsUsed() {
        XCTAssertEqual(
            exportsError("""
                package example:plugin;
                interface api {
                    get: func(key: strin) -> u32;
                }
                world plugin { export api; }
                """),
            "plugin.wit:3:20: unknown type 'strin'")
        XCTAssertEqual(
            exportsError("""
                package example:plugin;
                interface api {
                    resource file {
                        read: func() -> list<byte>;
                    }
                }
                world plugin { export api; }
                """),
            "plugin.wit:4:30: unknown type 'byte'")
        XCTAssertEqual(
            exportsError("""
                package example:plugin;
                interface api {
                    type count = u32;
                    get: func() -> own<count>;
                }
                world plugin { export api; }
                """),
            "plugin.wit:4:24: 'count' is not a resource")
    }

    func testCircularDefinitionsAreReported() {
        XCTAssertEqual(
            exportsError("""
                package example:plugin;
                interface api {
                    record node { next: option<node> }
                    get: func() -> node;
                }
                world plugin { export api; }
                """),
            "plugin.wit:3:32: type 'node' is defined in terms of itself")
    }

    func testAForeignPackageIsNamed() {
        XCTAssertEqual(
            exportsError("package example:plugin;\nworld plugin {\n    export wasi:http/handler@0.2.0;\n}"),
            "plugin.wit:3:12: unknown package 'wasi:http@0.2.0': only this document's package, 'example:plugin', can be used")
        XCTAssertEqual(
            exportsError("""
                package example:plugin;
                interface api {
                    use wasi:io/streams@0.2.0.{input-stream};
                    read: func(source: borrow<input-stream>);
                }
                world plugin { export api; }
                """),
            "plugin.wit:3:9: unknown package 'wasi:io@0.2.0': only this document's package, 'example:plugin', can be used")
    }

    func testAnUnknownInterfaceIsNamed() {
        XCTAssertEqual(
            exportsError("package example:plugin;\nworld plugin {\n    export api;\n}"),
            "plugin.wit:3:12: unknown interface 'api'")
    }

    func testUnsupportedFeaturesAreNamed() {
        XCTAssertEqual(
            exportsError("package example:plugin;\nworld base {}\nworld plugin {\n    include base;\n}"),
            "plugin.wit:3:7: world 'plugin' includes another world, which is not supported")
        XCTAssertEqual(
            exportsError("package example:plugin;\ninterface api {\n    union u { u32, string }\n    f: func(x: u);\n}\nworld plugin { export api; }"),
            "plugin.wit:3:11: union 'u': unions are no longer part of the component model")
        XCTAssertEqual(
            exportsError("package example:plugin;\nworld plugin {\n    export f: func() -> (a: u32, b: u32);\n}"),
            "plugin.wit:3:26: function 'f' has named results, which the component model no longer has")
        XCTAssertEqual(
            exportsError("package example:plugin;\nworld plugin {\n    export f: func() -> stream<u8>;\n}"),
            "plugin.wit: stream types are not supported")
    }

    func testADocumentNeedsAPackage() {
        XCTAssertEqual(
            message { () throws(WITError) in _ = try WITDocument.parse("world plugin {}", fileName: "plugin.wit") },
            "plugin.wit: expected `package namespace:name;` at the top of the document")
    }
}
