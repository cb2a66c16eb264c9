import WasmPlugDL
import WasmPlugTestSupport
import XCTest

final class PolicyTests: XCTestCase {
    func testReadsAPolicyFile() throws {
        let policy = try DLPolicy(parsing: """
            # Libraries the sqlite plugin may use.
            [[library]]
            path = "/usr/lib/x86_64-linux-gnu/libsqlite3.so.0"   # full path
            symbols = ["sqlite3_open", 'sqlite3_exec', ]
            [library.signatures]
            sqlite3_libversion_number = "sint32()"
            div = "{sint32,sint32}( sint32, sint32 )"

            [[library]]
            path = 'libz.so.1'
            """, file: "policy.toml")
        XCTAssertEqual(policy.source, "policy.toml")
        XCTAssertEqual(policy.libraries, [
            .init(path: "/usr/lib/x86_64-linux-gnu/libsqlite3.so.0", symbols: ["sqlite3_open", "sqlite3_exec"], signatures: [
                "sqlite3_libversion_number": CSignature(parameters: [], result: .scalar(.sint32)),
                "div": CSignature(parameters: [.scalar(.sint32), .scalar(.sint32)], result: .structure([.sint32, .sint32])),
            ]),
            .init(path: "libz.so.1"),
        ])
    }

    func testSignaturesPrintInTheirOwnSyntax() throws {
        let text = "{sint32, sint32}(cstring, pointer, double)"
        XCTAssertEqual(try CSignature(parsing: text).description, text)
    }

    func testNothingIsAllowedByDefault() {
        assertDLError(.notAllowed, containing: "library libz.so.1 is not in the dl policy (the dl policy given in code allows no libraries)") {
            try DLHost(policy: DLPolicy()).open(Libraries.zlib)
        }
    }

    func testRefusalsNameThePolicyAndWhatItAllows() throws {
        let policy = try DLPolicy(parsing: """
            [[library]]
            path = "libz.so.1"
            symbols = ["zlibVersion"]
            [library.signatures]
            zlibVersion = "cstring()"
            """, file: "policy.toml")
        let host = DLHost(policy: policy)
        assertDLError(.notAllowed, containing: "library /x/y.so is not in the dl policy (policy.toml allows: libz.so.1)") {
            try host.open("/x/y.so")
        }
        assertDLError(.notAllowed, containing: "library /usr/lib/x86_64-linux-gnu/libz.so.1 is not in the dl policy") {
            try host.open("/usr/lib/x86_64-linux-gnu/libz.so.1")
        }
        let library = try host.open(Libraries.zlib)
        assertDLError(.notAllowed, containing: "symbol crc32 of libz.so.1 is not in the dl policy (policy.toml allows: zlibVersion)") {
            try library.symbol("crc32")
        }
        assertDLError(.notAllowed, containing: "symbol crc32") { try library.global("crc32", type: .scalar(.sint32)) }
        assertDLError(.invalidSignature, containing: "zlibVersion of libz.so.1 must have the signature cstring() (policy.toml says so), not pointer()") {
            try DLFunction(symbol: library.symbol("zlibVersion"), signature: CSignature(parameters: [], result: .scalar(.pointer)))
        }
        XCTAssertNoThrow(try DLFunction(symbol: library.symbol("zlibVersion"), signature: CSignature(parameters: [], result: .cstring)))
    }

    func testMalformedPolicyFilesNameTheFileLineAndFix() {
        let cases: [(String, String)] = [
            ("path = \"libz.so.1\"", "policy.toml:1: 'path' is outside any table; start a library with [[library]]"),
            ("[[library]]\npath = \"a\"\nversion = \"1\"", "policy.toml:3: unknown key 'version' in [[library]]"),
            ("[[library]]\npath = \"a\"\n[library.signatures]\nf = \"int(void)\"", "policy.toml:4: signature \"int(void)\": unknown type 'int'"),
            ("[[library]]\npath = \"a", "policy.toml:2: unterminated string"),
            ("[[library]]\nsymbols = [\"a\"]", "policy.toml:1: this [[library]] has no path"),
            ("[libraries]", "policy.toml:1: unknown table [libraries]"),
            ("[library.signatures]", "policy.toml:1: [library.signatures] must follow a [[library]] table"),
            ("[[library]]\npath = [\"a\"]", "policy.toml:2: 'path' must be a string"),
            ("[[library]]\npath = \"a\" b", "policy.toml:2: unexpected text after the value of 'path'"),
            ("[[library]]\npath = \"a\"\n[[library]]\npath = \"a\"", "policy.toml:3: library a appears twice"),
            ("[[library]]\npath = \"a\"\nsymbols = [\"x\"\n", "policy.toml:3: expected ',' or ']' in the array (arrays must fit on one line)"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try DLPolicy(parsing: text, file: "policy.toml"), text) { error in
                XCTAssertTrue("\(error)".hasPrefix(expected), "\(error)\n  expected: \(expected)")
            }
        }
    }

    func testReadsPolicyFilesFromDisk() throws {
        let file = try temporaryDirectory().appendingPathComponent("dl.toml")
        try "[[library]]\npath = \"libz.so.1\"\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try DLPolicy(contentsOfFile: file.path).libraries.map(\.path), ["libz.so.1"])
        XCTAssertThrowsError(try DLPolicy(contentsOfFile: "/nonexistent/dl.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("/nonexistent/dl.toml: cannot read the dl policy file"), "\(error)")
        }
    }
}
