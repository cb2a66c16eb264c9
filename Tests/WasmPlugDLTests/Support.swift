import WasmPlugDL
import XCTest

/// The real libraries the tests call, by the names the dynamic loader searches for.
enum Libraries {
    static let libc = "libc.so.6"
    static let zlib = "libz.so.1"
    static let sqlite = "libsqlite3.so.0"
}

/// A policy allowing every symbol of the test libraries.
let openPolicy = DLPolicy(libraries: [
    .init(path: Libraries.libc), .init(path: Libraries.zlib), .init(path: Libraries.sqlite),
])

/// Asserts that `body` fails with a ``DLError`` of `kind` whose message contains `text`.
func assertDLError<T>(
    _ kind: DLError.Kind, containing text: String, file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> T
) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        guard let error = error as? DLError else { return XCTFail("not a DLError: \(error)", file: file, line: line) }
        XCTAssertEqual(error.kind, kind, error.message, file: file, line: line)
        XCTAssertTrue(error.message.contains(text), "\(error.message) does not contain \(text)", file: file, line: line)
    }
}

extension DLHost {
    /// The function `name` of `library` with `signature` (policy-file syntax).
    func function(_ library: String, _ name: String, _ signature: String) throws -> DLFunction {
        try DLFunction(symbol: open(library).symbol(name), signature: CSignature(parsing: signature))
    }
}
