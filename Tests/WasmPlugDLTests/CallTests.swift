import WasmPlugDL
import XCTest

final class CallTests: XCTestCase {
    let host = DLHost(policy: openPolicy)

    func testScalarAndStringCallsIntoLibc() throws {
        XCTAssertEqual(try host.function(Libraries.libc, "abs", "sint32(sint32)").call([.scalar(.sint32(-42))]),
                       .scalar(.sint32(42)))
        XCTAssertEqual(try host.function(Libraries.libc, "strlen", "uint64(cstring)").call([.cstring("héllo")]),
                       .scalar(.uint64(6)))
        XCTAssertEqual(try host.function(Libraries.libc, "labs", "sint64(sint64)").call([.scalar(.sint64(-1 << 40))]),
                       .scalar(.sint64(1 << 40)))
    }

    func testNarrowIntegerResultsAreTruncatedFromTheWidenedRegister() throws {
        let toupper = try host.function(Libraries.libc, "toupper", "sint32(sint32)")
        XCTAssertEqual(try toupper.call([.scalar(.sint32(97))]), .scalar(.sint32(65)))
        let abs = try host.function(Libraries.libc, "abs", "sint8(sint32)")
        XCTAssertEqual(try abs.call([.scalar(.sint32(-300))]), .scalar(.sint8(44)), "300 = 0x12c, low byte 0x2c")
    }

    func testStringResultsAndPointerArgumentsWithZlib() throws {
        guard case .cstring(let version?) = try host.function(Libraries.zlib, "zlibVersion", "cstring()").call([]) else {
            return XCTFail("zlibVersion returned no string")
        }
        XCTAssertTrue(version.hasPrefix("1."), version)

        let buffer = try host.allocate(size: 5)
        try buffer.writeBytes(offset: 0, Array("hello".utf8))
        let crc32 = try host.function(Libraries.zlib, "crc32", "uint64(uint64, pointer, uint32)")
        XCTAssertEqual(try crc32.call([.scalar(.uint64(0)), .scalar(.pointer(buffer.address())), .scalar(.uint32(5))]),
                       .scalar(.uint64(0x3610_a686)))
    }

    func testSqliteVersionNumberUnderAPinnedSignature() throws {
        let host = DLHost(policy: DLPolicy(libraries: [.init(
            path: Libraries.sqlite, symbols: ["sqlite3_libversion_number"],
            signatures: ["sqlite3_libversion_number": CSignature(parameters: [], result: .scalar(.sint32))])]))
        guard case .scalar(.sint32(let version)) = try host.function(Libraries.sqlite, "sqlite3_libversion_number", "sint32()").call([])
        else { return XCTFail("not a sint32") }
        XCTAssertGreaterThan(version, 3_000_000)
    }

    func testStructsByValue() throws {
        let div = try host.function(Libraries.libc, "div", "{sint32, sint32}(sint32, sint32)")
        XCTAssertEqual(try div.call([.scalar(.sint32(17)), .scalar(.sint32(5))]), .structure([.sint32(3), .sint32(2)]))
        let ldiv = try host.function(Libraries.libc, "ldiv", "{sint64, sint64}(sint64, sint64)")
        XCTAssertEqual(try ldiv.call([.scalar(.sint64(-7_000_000_000)), .scalar(.sint64(2))]),
                       .structure([.sint64(-3_500_000_000), .sint64(0)]))
    }

    func testVoidFunctionsReturnVoid() throws {
        let memory = try host.allocate(size: 8)
        let memset = try host.function(Libraries.libc, "bzero", "void(pointer, uint64)")
        try memory.writeBytes(offset: 0, [1, 2, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(try memset.call([.scalar(.pointer(memory.address())), .scalar(.uint64(4))]), .void)
        XCTAssertEqual(try memory.readBytes(offset: 0, count: 8), [0, 0, 0, 0, 5, 6, 7, 8])
    }

    func testGlobalsReadAndWrite() throws {
        let opterr = try host.open(Libraries.libc).global("opterr", type: .scalar(.sint32))
        let original = opterr.get()
        defer { try? opterr.set(original) }
        try opterr.set(.scalar(.sint32(0)))
        XCTAssertEqual(opterr.get(), .scalar(.sint32(0)))
        assertDLError(.invalidArgument, containing: "expected sint32, got double") { try opterr.set(.scalar(.double(1))) }
        assertDLError(.invalidSignature, containing: "cannot have type cstring") {
            try self.host.open(Libraries.libc).global("opterr", type: .cstring)
        }
    }

    func testOpenFlags() throws {
        XCTAssertNoThrow(try host.open(Libraries.zlib, flags: [.lazy, .global]))
        assertDLError(.invalidArgument, containing: "lazy and now") { try self.host.open(Libraries.zlib, flags: [.lazy, .now]) }
        assertDLError(.invalidArgument, containing: "global and local") {
            try self.host.open(Libraries.zlib, flags: [.global, .local])
        }
    }

    func testLibraryNames() {
        XCTAssertEqual(DLHost.libraryName("z"), "libz.so")
    }

    // MARK: Bad input

    func testMissingLibraryAndSymbolAreNotFound() throws {
        let host = DLHost(policy: DLPolicy(libraries: [.init(path: "/nonexistent/libnothing.so"), .init(path: Libraries.libc)]))
        assertDLError(.notFound, containing: "cannot open library /nonexistent/libnothing.so") {
            try host.open("/nonexistent/libnothing.so")
        }
        assertDLError(.notFound, containing: "symbol no_such_function_here not found in \(Libraries.libc)") {
            try host.open(Libraries.libc).symbol("no_such_function_here")
        }
    }

    func testInvalidSignatures() throws {
        let abs = try host.open(Libraries.libc).symbol("abs")
        assertDLError(.invalidSignature, containing: "parameter 0 of abs cannot be void") {
            try DLFunction(symbol: abs, signature: CSignature(parameters: [.void], result: .scalar(.sint32)))
        }
        assertDLError(.invalidSignature, containing: "at least one field") {
            try DLFunction(symbol: abs, signature: CSignature(parameters: [.structure([])], result: .scalar(.sint32)))
        }
        assertDLError(.invalidSignature, containing: "at least one field") {
            try DLFunction(symbol: abs, signature: CSignature(parameters: [], result: .structure([])))
        }
    }

    /// Refused signatures used to leak libffi's call description (allocated before the checks
    /// that throw, and a throwing initializer never runs deinit). Found by LeakSanitizer in
    /// `scripts/sanitize.sh address`, where a regression shows as a leak.
    func testRefusedSignaturesKeepNothingAllocated() throws {
        let abs = try host.open(Libraries.libc).symbol("abs")
        let refused: [CSignature] = [
            CSignature(parameters: [.scalar(.sint32), .void], result: .scalar(.sint32)),
            CSignature(parameters: [.structure([])], result: .void),
            CSignature(parameters: [], result: .structure([])),
        ]
        for _ in 0..<100 {
            for signature in refused {
                XCTAssertThrowsError(try DLFunction(symbol: abs, signature: signature))
            }
        }
        let pinned = DLHost(policy: DLPolicy(libraries: [
            .init(path: Libraries.libc, signatures: ["abs": try CSignature(parsing: "sint32(sint32)")]),
        ]))
        let pinnedAbs = try pinned.open(Libraries.libc).symbol("abs")
        assertDLError(.invalidSignature, containing: "abs of libc.so.6 must have the signature sint32(sint32)") {
            try DLFunction(symbol: pinnedAbs, signature: CSignature(parsing: "sint64(sint64)"))
        }
        XCTAssertEqual(try DLFunction(symbol: pinnedAbs, signature: CSignature(parsing: "sint32(sint32)")).call([.scalar(.sint32(-3))]),
                       .scalar(.sint32(3)))
    }

    func testCallsWithTheWrongNumberOrKindOfValues() throws {
        let abs = try host.function(Libraries.libc, "abs", "sint32(sint32)")
        assertDLError(.invalidArgument, containing: "abs takes 1 arguments (sint32(sint32)), got 0") { try abs.call([]) }
        assertDLError(.invalidArgument, containing: "takes 1 arguments") {
            try abs.call([.scalar(.sint32(1)), .scalar(.sint32(2))])
        }
        assertDLError(.invalidArgument, containing: "argument 0 of abs: expected sint32, got sint64") {
            try abs.call([.scalar(.sint64(1))])
        }
        assertDLError(.invalidArgument, containing: "expected sint32, got cstring") { try abs.call([.cstring("1")]) }
        let div = try host.function(Libraries.libc, "div", "{sint32, sint32}(sint32, sint32)")
        assertDLError(.invalidArgument, containing: "expected sint32, got {sint32, sint32}") {
            try div.call([.structure([.sint32(1), .sint32(2)]), .scalar(.sint32(1))])
        }
        let strlen = try host.function(Libraries.libc, "strlen", "uint64(cstring)")
        assertDLError(.invalidArgument, containing: "cannot contain a NUL") { try strlen.call([.cstring("a\u{0}b")]) }
    }
}
