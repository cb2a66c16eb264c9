import FuzzSupport
import WasmPlugDL
#if canImport(Glibc)
import Glibc
#endif

// `nonisolated(unsafe)` below is safe: libFuzzer calls the target on one thread only, so these
// globals (DLHost and DLSymbol are not Sendable) are never used concurrently.

/// The host every allocation comes from; its policy allows the C library.
nonisolated(unsafe) let host = DLHost(policy: DLPolicy(libraries: [.init(path: "libc.so.6")]))
/// The symbol random signatures are prepared against; it is never called.
nonisolated(unsafe) let symbol = try! host.open("libc.so.6").symbol("abs")

/// Prepares libffi's description of a call with `signature`.
func prepare(_ signature: CSignature) {
    _ = try? DLFunction(symbol: symbol, signature: signature)
}

/// Random field reads and writes and byte copies; every out-of-range access must be refused.
func exercise(_ allocation: DLAllocation, fieldCount: Int, input: FuzzInput) {
    var input = input
    for _ in 0..<input.int(below: 16) {
        switch input.int(below: 6) {
        case 0:
            let index = UInt32(input.int(below: fieldCount + 2))
            if let value = try? allocation.read(field: index) { _ = try? allocation.write(field: index, value) }
        case 1:
            _ = try? allocation.write(field: UInt32(input.int(below: fieldCount + 2)), input.cValue())
        case 2:
            let offset = input.bits(1), count = input.bits(1)
            let bytes = try? allocation.readBytes(offset: offset, count: count)
            if let bytes, bytes.count != Int(count) || offset + count > UInt64(allocation.size) {
                fuzzFailure("read \(bytes.count) bytes at \(offset) from a \(allocation.size)-byte allocation")
            }
        case 3:
            _ = try? allocation.writeBytes(offset: input.bits(1), input.take(input.int(below: 32)))
        case 4:
            _ = try? allocation.readCString(offset: input.bits(1))
        default:
            _ = try? allocation.readCString(pointerField: UInt32(input.int(below: fieldCount + 2)))
        }
    }
    if input.bool() {
        try? allocation.free()
        if (try? allocation.readBytes(offset: 0, count: 1)) != nil { fuzzFailure("read after free") }
    }
}

extension FuzzInput {
    /// A scalar, struct, cstring or void type.
    mutating func cType() -> CType {
        switch int(below: 8) {
        case 0: return .structure((0..<int(below: 5)).map { _ in cScalar() })
        case 1: return .cstring
        case 2: return .void
        default: return .scalar(cScalar())
        }
    }

    mutating func cScalar() -> CScalar { CScalar.allCases[int(below: CScalar.allCases.count)] }

    /// A value of any type: often not the field's.
    mutating func cValue() -> CValue {
        switch int(below: 6) {
        case 0: return .structure((0..<int(below: 5)).map { _ in cScalarValue() })
        case 1: return .cstring(bool() ? nil : string())
        case 2: return .void
        default: return .scalar(cScalarValue())
        }
    }

    mutating func cScalarValue() -> CScalarValue {
        switch cScalar() {
        case .sint8: .sint8(Int8(truncatingIfNeeded: bits(1)))
        case .uint8: .uint8(UInt8(truncatingIfNeeded: bits(1)))
        case .sint16: .sint16(Int16(truncatingIfNeeded: bits(2)))
        case .uint16: .uint16(UInt16(truncatingIfNeeded: bits(2)))
        case .sint32: .sint32(Int32(truncatingIfNeeded: bits(4)))
        case .uint32: .uint32(UInt32(truncatingIfNeeded: bits(4)))
        case .sint64: .sint64(Int64(bitPattern: bits(8)))
        case .uint64: .uint64(bits(8))
        case .float: .float(Float(bitPattern: UInt32(truncatingIfNeeded: bits(4))))
        case .double: .double(Double(bitPattern: bits(8)))
        // Pointers stay within this host's allocations or NULL-ish values; readCString(pointerField:)
        // must refuse any address outside a live allocation.
        case .pointer: .pointer(bits(8))
        }
    }
}
