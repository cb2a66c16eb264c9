import WasmPlugDL
import XCTest

final class AllocationTests: XCTestCase {
    let host = DLHost(policy: DLPolicy())

    func testFieldsFollowCLayout() throws {
        // struct { char c; double d; int16_t s; div_t pair; } → offsets 0, 8, 16, 20; size 32.
        let memory = try host.allocate(fields: [.scalar(.sint8), .scalar(.double), .scalar(.sint16), .structure([.sint32, .sint32])])
        XCTAssertEqual(memory.size, 32)
        XCTAssertEqual(try memory.read(field: 1), .scalar(.double(0)), "allocations start zeroed")
        try memory.write(field: 0, .scalar(.sint8(-1)))
        try memory.write(field: 1, .scalar(.double(2.5)))
        try memory.write(field: 3, .structure([.sint32(7), .sint32(-7)]))
        XCTAssertEqual(try memory.read(field: 0), .scalar(.sint8(-1)))
        XCTAssertEqual(try memory.read(field: 1), .scalar(.double(2.5)))
        XCTAssertEqual(try memory.read(field: 3), .structure([.sint32(7), .sint32(-7)]))
        XCTAssertEqual(try memory.readBytes(offset: 20, count: 4), [7, 0, 0, 0])
    }

    func testOutParametersThroughNativeCalls() throws {
        let host = DLHost(policy: openPolicy)
        // strtol(const char *, char **end, int base) leaves `end` pointing into the string.
        let text = try host.allocate(size: 8)
        try text.writeBytes(offset: 0, Array("123abc\u{0}".utf8))
        let end = try host.allocate(fields: [.scalar(.pointer)])
        let strtol = try host.function(Libraries.libc, "strtol", "sint64(pointer, pointer, sint32)")
        let result = try strtol.call([.scalar(.pointer(text.address())), .scalar(.pointer(end.address())), .scalar(.sint32(10))])
        XCTAssertEqual(result, .scalar(.sint64(123)))
        XCTAssertEqual(try end.read(field: 0), .scalar(.pointer(try text.address() + 3)))
        XCTAssertEqual(try end.readCString(pointerField: 0), "abc")
        XCTAssertEqual(try text.readCString(offset: 1), "23abc")
    }

    func testNullPointerFieldReadsAsNoString() throws {
        XCTAssertNil(try host.allocate(fields: [.scalar(.pointer)]).readCString(pointerField: 0))
    }

    func testFreeingAndDroppingReleaseTheMemory() throws {
        let memory = try host.allocate(size: 16)
        XCTAssertEqual(host.liveAllocations, 1)
        try memory.free()
        XCTAssertEqual(host.liveAllocations, 0)
        _ = try host.allocate(size: 16)
        XCTAssertEqual(host.liveAllocations, 0, "an allocation nobody holds is freed")
    }

    // MARK: Bad input

    func testUseAfterFreeIsAnError() throws {
        let memory = try host.allocate(fields: [.scalar(.uint32)])
        try memory.free()
        assertDLError(.freed, containing: "was freed") { try memory.read(field: 0) }
        assertDLError(.freed, containing: "was freed") { try memory.write(field: 0, .scalar(.uint32(1))) }
        assertDLError(.freed, containing: "was freed") { try memory.readBytes(offset: 0, count: 1) }
        assertDLError(.freed, containing: "was freed") { try memory.address() }
        assertDLError(.freed, containing: "was freed") { try memory.free() }
    }

    func testReadsAndWritesPastTheEndAreErrors() throws {
        let memory = try host.allocate(size: 8)
        assertDLError(.outOfBounds, containing: "bytes 4..<12 are outside the 8-byte allocation") {
            try memory.readBytes(offset: 4, count: 8)
        }
        assertDLError(.outOfBounds, containing: "outside") { try memory.writeBytes(offset: 8, [1]) }
        assertDLError(.outOfBounds, containing: "outside") { try memory.readBytes(offset: .max, count: 2) }
        assertDLError(.outOfBounds, containing: "field 0 does not exist") { try memory.read(field: 0) }
        XCTAssertEqual(try memory.readCString(offset: 0), "", "zeroed memory holds empty strings")
        try memory.writeBytes(offset: 0, Array("12345678".utf8))
        assertDLError(.outOfBounds, containing: "no NUL terminator") { try memory.readCString(offset: 2) }
        assertDLError(.outOfBounds, containing: "outside") { try memory.readCString(offset: 9) }
        let fields = try host.allocate(fields: [.scalar(.uint8)])
        assertDLError(.outOfBounds, containing: "field 1 does not exist: the allocation has 1 fields") { try fields.read(field: 1) }
    }

    func testPointersOutsideLiveAllocationsCannotBeRead() throws {
        let holder = try host.allocate(fields: [.scalar(.pointer), .scalar(.uint32)])
        try holder.write(field: 0, .scalar(.pointer(0x1000)))
        assertDLError(.notAllowed, containing: "0x1000, which is not inside a live wasi:dl allocation") {
            try holder.readCString(pointerField: 0)
        }
        let target = try host.allocate(size: 4)
        try holder.write(field: 0, .scalar(.pointer(target.address() + 4)))
        assertDLError(.notAllowed, containing: "not inside a live") { try holder.readCString(pointerField: 0) }
        try holder.write(field: 0, .scalar(.pointer(target.address())))
        try target.free()
        assertDLError(.notAllowed, containing: "not inside a live") { try holder.readCString(pointerField: 0) }
        assertDLError(.invalidArgument, containing: "field 1 has type uint32, not pointer") { try holder.readCString(pointerField: 1) }
    }

    func testBadLayoutsAndSizes() {
        assertDLError(.invalidSignature, containing: "field 0 of an allocation cannot be void") { try self.host.allocate(fields: [.void]) }
        assertDLError(.invalidSignature, containing: "cannot be cstring") { try self.host.allocate(fields: [.cstring]) }
        assertDLError(.invalidSignature, containing: "at least one field") { try self.host.allocate(fields: []) }
        assertDLError(.invalidArgument, containing: "cannot allocate 0 bytes") { try self.host.allocate(size: 0) }
    }

    func testWritesOfTheWrongKind() throws {
        let memory = try host.allocate(fields: [.scalar(.float)])
        assertDLError(.invalidArgument, containing: "field 0: expected float, got double") { try memory.write(field: 0, .scalar(.double(1))) }
    }
}
