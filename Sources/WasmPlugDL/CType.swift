import CFFI

/// A scalar C type: what a struct field, a parameter or a result can be.
public enum CScalar: String, CaseIterable, Sendable {
    case sint8, uint8, sint16, uint16, sint32, uint32, sint64, uint64, float, double, pointer

    /// libffi's description of the type.
    var ffiType: UnsafeMutablePointer<ffi_type> {
        let scalar: cffi_scalar_t = switch self {
        case .sint8: CFFI_SINT8
        case .uint8: CFFI_UINT8
        case .sint16: CFFI_SINT16
        case .uint16: CFFI_UINT16
        case .sint32: CFFI_SINT32
        case .uint32: CFFI_UINT32
        case .sint64: CFFI_SINT64
        case .uint64: CFFI_UINT64
        case .float: CFFI_FLOAT
        case .double: CFFI_DOUBLE
        case .pointer: CFFI_POINTER
        }
        return cffi_scalar_type(scalar)
    }
}

/// A C type as wasi:dl describes it.
///
/// Structs are flat: their fields are scalars, because WIT types cannot be recursive.
public enum CType: Equatable, Sendable {
    case scalar(CScalar)
    /// A struct passed or returned by value, or laid out in an allocation; at least one field.
    case structure([CScalar])
    /// A `const char *` the host converts: a string argument is copied into a NUL-terminated
    /// buffer that lives for the call; a result is copied out of the native memory it points to.
    case cstring
    /// No value: only valid as a function's result.
    case void
}

/// A scalar C value.
public enum CScalarValue: Equatable, Sendable {
    case sint8(Int8), uint8(UInt8), sint16(Int16), uint16(UInt16), sint32(Int32), uint32(UInt32)
    case sint64(Int64), uint64(UInt64), float(Float), double(Double)
    /// An address: host memory, never the guest's linear memory.
    case pointer(UInt64)

    /// The value's type.
    public var scalar: CScalar {
        switch self {
        case .sint8: .sint8
        case .uint8: .uint8
        case .sint16: .sint16
        case .uint16: .uint16
        case .sint32: .sint32
        case .uint32: .uint32
        case .sint64: .sint64
        case .uint64: .uint64
        case .float: .float
        case .double: .double
        case .pointer: .pointer
        }
    }
}

/// A C value as wasi:dl passes it: the counterpart of ``CType``.
public enum CValue: Equatable, Sendable {
    case scalar(CScalarValue)
    case structure([CScalarValue])
    /// A C string; `nil` is the NULL pointer.
    case cstring(String?)
    case void
}

extension CType: CustomStringConvertible {
    /// The policy file's syntax: `sint32`, `cstring`, `void`, `{sint32, sint32}`.
    public var description: String {
        switch self {
        case .scalar(let scalar): scalar.rawValue
        case .structure(let fields): "{\(fields.map(\.rawValue).joined(separator: ", "))}"
        case .cstring: "cstring"
        case .void: "void"
        }
    }
}

extension CValue {
    /// The value's kind, for messages: `sint32`, `a structure of 2 fields`, `cstring`, `void`.
    var kindDescription: String {
        switch self {
        case .scalar(let value): value.scalar.rawValue
        case .structure(let fields): "{\(fields.map(\.scalar.rawValue).joined(separator: ", "))}"
        case .cstring: "cstring"
        case .void: "void"
        }
    }

    /// Throws `invalid-argument` unless the value has type `type`; `what` names it in the message.
    func check(against type: CType, what: String) throws(DLError) {
        switch (self, type) {
        case (.scalar(let value), .scalar(let scalar)) where value.scalar == scalar:
            try value.checkRange(what: what)
        case (.structure(let fields), .structure(let types)) where fields.map(\.scalar) == types:
            for (index, field) in fields.enumerated() { try field.checkRange(what: "\(what) field \(index)") }
        case (.cstring(let string), .cstring):
            if let string, string.utf8.contains(0) {
                throw DLError(.invalidArgument, "\(what): a cstring cannot contain a NUL character")
            }
        default:
            throw DLError(.invalidArgument, "\(what): expected \(type), got \(kindDescription)")
        }
    }
}

extension CScalarValue {
    /// Throws `invalid-argument` for a pointer wider than this platform's pointers.
    func checkRange(what: String) throws(DLError) {
        if case .pointer(let address) = self, UInt(exactly: address) == nil {
            throw DLError(.invalidArgument, "\(what): 0x\(String(address, radix: 16)) does not fit in a \(UInt.bitWidth)-bit pointer")
        }
    }
}
