#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Zeroed host memory the guest reads and writes through wasi:dl and passes to native calls
/// by address. Freed by ``free()``, or when the object goes away.
///
/// Every access is bounds-checked against the allocation; after ``free()`` every access is a
/// `freed` error.
public final class DLAllocation {
    /// The size in bytes.
    public let size: Int
    /// The layout's fields, in order; empty for an allocation made by size.
    private let fields: [FFIType]
    private let layout: FFIStruct?
    private let registry: AllocationRegistry
    private var memory: UnsafeMutableRawPointer?

    init(size: Int, fields: [FFIType], layout: FFIStruct?, registry: AllocationRegistry) throws(DLError) {
        // calloc's memory is aligned for every C scalar, so for every struct of them.
        guard let memory = calloc(size, 1) else { throw DLError(.other, "out of memory allocating \(size) bytes") }
        self.size = size
        self.fields = fields
        self.layout = layout
        self.registry = registry
        self.memory = memory
        registry.add(self, at: UInt(bitPattern: memory))
    }

    deinit {
        if let memory { release(memory) }
    }

    /// The first byte's address, to pass as a `pointer` argument.
    public func address() throws(DLError) -> UInt64 {
        UInt64(UInt(bitPattern: try live()))
    }

    /// Frees the memory; later uses are `freed` errors.
    public func free() throws(DLError) {
        release(try live())
        memory = nil
    }

    /// The value of field `index` of the layout.
    public func read(field index: UInt32) throws(DLError) -> CValue {
        let (field, offset) = try self.field(index)
        return field.load(from: try live() + offset)
    }

    /// Stores `value`, which must have the field's type, in field `index` of the layout.
    public func write(field index: UInt32, _ value: CValue) throws(DLError) {
        let (field, offset) = try self.field(index)
        try value.check(against: field.type, what: "field \(index)")
        field.store(value, to: try live() + offset)
    }

    /// A copy of `count` bytes from `offset`.
    public func readBytes(offset: UInt64, count: UInt64) throws(DLError) -> [UInt8] {
        let start = try live() + checkedRange(offset: offset, count: count)
        return Array(UnsafeRawBufferPointer(start: start, count: Int(count)))
    }

    /// Copies `bytes` to `offset`.
    public func writeBytes(offset: UInt64, _ bytes: [UInt8]) throws(DLError) {
        let start = try live() + checkedRange(offset: offset, count: UInt64(bytes.count))
        bytes.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    }

    /// The NUL-terminated string that starts at `offset` and ends inside the allocation
    /// (invalid UTF-8 is replaced with U+FFFD).
    public func readCString(offset: UInt64) throws(DLError) -> String {
        let start = try checkedRange(offset: offset, count: 0)
        let bytes = UnsafeRawBufferPointer(start: try live() + start, count: size - start)
        guard let end = bytes.firstIndex(of: 0) else {
            throw DLError(.outOfBounds, "no NUL terminator between offset \(offset) and the end of the \(size)-byte allocation")
        }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// The string the pointer in field `index` points to, or `nil` for NULL. The pointer must
    /// lead into a live allocation of the same host, and the string must end inside it.
    public func readCString(pointerField index: UInt32) throws(DLError) -> String? {
        guard case .scalar(.pointer(let address)) = try read(field: index) else {
            throw DLError(.invalidArgument, "field \(index) has type \(fields[Int(index)].type), not pointer")
        }
        guard address != 0 else { return nil }
        guard let (target, offset) = registry.allocation(containing: address) else {
            throw DLError(.notAllowed, "field \(index) points to 0x\(String(address, radix: 16)), which is not inside a live "
                + "wasi:dl allocation; only memory the host allocated can be read")
        }
        return try target.readCString(offset: offset)
    }

    /// Whether `address` is inside this allocation; its offset if so.
    func offset(of address: UInt) -> Int? {
        guard let memory else { return nil }
        let base = UInt(bitPattern: memory)
        return address >= base && address - base < UInt(size) ? Int(address - base) : nil
    }

    private func live() throws(DLError) -> UnsafeMutableRawPointer {
        guard let memory else { throw DLError(.freed, "the allocation of \(size) bytes was freed") }
        return memory
    }

    private func release(_ memory: UnsafeMutableRawPointer) {
        registry.remove(at: UInt(bitPattern: memory))
        freeMemory(memory)
    }

    private func field(_ index: UInt32) throws(DLError) -> (FFIType, Int) {
        guard let layout, Int(index) < fields.count else {
            throw DLError(.outOfBounds, "field \(index) does not exist: the allocation has \(fields.count) fields")
        }
        return (fields[Int(index)], layout.offsets[Int(index)])
    }

    /// The start of `count` bytes from `offset` when they lie inside the allocation.
    private func checkedRange(offset: UInt64, count: UInt64) throws(DLError) -> Int {
        guard offset <= UInt64(size), count <= UInt64(size) - offset else {
            throw DLError(.outOfBounds, "bytes \(offset)..<\(offset &+ count) are outside the \(size)-byte allocation")
        }
        return Int(offset)
    }
}

/// The C library's `free`, which ``DLAllocation/free()`` hides inside the class.
private func freeMemory(_ memory: UnsafeMutableRawPointer) { free(memory) }

/// The allocations alive in one host, by address: what decides whether a pointer may be
/// dereferenced by the read APIs. Holds them weakly; an allocation leaves when freed.
final class AllocationRegistry {
    private struct Entry { weak var allocation: DLAllocation? }
    private var live: [UInt: Entry] = [:]

    func add(_ allocation: DLAllocation, at address: UInt) { live[address] = Entry(allocation: allocation) }

    func remove(at address: UInt) { live[address] = nil }

    /// The live allocation `address` points into, and the offset into it.
    func allocation(containing address: UInt64) -> (DLAllocation, UInt64)? {
        guard let address = UInt(exactly: address) else { return nil }
        for entry in live.values {
            if let allocation = entry.allocation, let offset = allocation.offset(of: address) {
                return (allocation, UInt64(offset))
            }
        }
        return nil
    }

    /// How many allocations are alive.
    var count: Int { live.count }
}
