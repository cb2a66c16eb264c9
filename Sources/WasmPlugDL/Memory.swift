import CFFI

/// Reading and writing C values in host memory. Callers check bounds and kinds first.
extension CScalarValue {
    /// The scalar of type `scalar` stored at `address`.
    init(loading scalar: CScalar, from address: UnsafeRawPointer) {
        self = switch scalar {
        case .sint8: .sint8(address.loadUnaligned(as: Int8.self))
        case .uint8: .uint8(address.loadUnaligned(as: UInt8.self))
        case .sint16: .sint16(address.loadUnaligned(as: Int16.self))
        case .uint16: .uint16(address.loadUnaligned(as: UInt16.self))
        case .sint32: .sint32(address.loadUnaligned(as: Int32.self))
        case .uint32: .uint32(address.loadUnaligned(as: UInt32.self))
        case .sint64: .sint64(address.loadUnaligned(as: Int64.self))
        case .uint64: .uint64(address.loadUnaligned(as: UInt64.self))
        case .float: .float(address.loadUnaligned(as: Float.self))
        case .double: .double(address.loadUnaligned(as: Double.self))
        case .pointer: .pointer(UInt64(address.loadUnaligned(as: UInt.self)))
        }
    }

    /// The scalar a native function returned in libffi's result buffer: libffi widens
    /// integers narrower than a register to `ffi_arg`.
    init(returned scalar: CScalar, at address: UnsafeRawPointer) {
        let widened = address.loadUnaligned(as: ffi_arg.self)
        self = switch scalar {
        case .sint8: .sint8(Int8(truncatingIfNeeded: widened))
        case .uint8: .uint8(UInt8(truncatingIfNeeded: widened))
        case .sint16: .sint16(Int16(truncatingIfNeeded: widened))
        case .uint16: .uint16(UInt16(truncatingIfNeeded: widened))
        case .sint32: .sint32(Int32(truncatingIfNeeded: widened))
        case .uint32: .uint32(UInt32(truncatingIfNeeded: widened))
        default: CScalarValue(loading: scalar, from: address)
        }
    }

    /// Stores the value at `address`; a pointer must fit the platform's pointer width
    /// (``CValue/check(against:what:)`` ensures it).
    func store(to address: UnsafeMutableRawPointer) {
        switch self {
        case .sint8(let value): address.storeBytes(of: value, as: Int8.self)
        case .uint8(let value): address.storeBytes(of: value, as: UInt8.self)
        case .sint16(let value): address.storeBytes(of: value, as: Int16.self)
        case .uint16(let value): address.storeBytes(of: value, as: UInt16.self)
        case .sint32(let value): address.storeBytes(of: value, as: Int32.self)
        case .uint32(let value): address.storeBytes(of: value, as: UInt32.self)
        case .sint64(let value): address.storeBytes(of: value, as: Int64.self)
        case .uint64(let value): address.storeBytes(of: value, as: UInt64.self)
        case .float(let value): address.storeBytes(of: value, as: Float.self)
        case .double(let value): address.storeBytes(of: value, as: Double.self)
        case .pointer(let value): address.storeBytes(of: UInt(value), as: UInt.self)
        }
    }
}

extension FFIType {
    /// The value of this type stored at `address`. A `cstring` is copied from the memory its
    /// pointer designates (the type's declaration vouches for it); NULL becomes `nil`.
    func load(from address: UnsafeRawPointer) -> CValue {
        switch type {
        case .scalar(let scalar):
            return .scalar(CScalarValue(loading: scalar, from: address))
        case .structure(let fields):
            return .structure(zip(fields, structure!.offsets).map { CScalarValue(loading: $0, from: address + $1) })
        case .cstring:
            let pointer = address.loadUnaligned(as: UnsafePointer<CChar>?.self)
            return .cstring(pointer.map { String(cString: $0) })
        case .void:
            return .void
        }
    }

    /// Stores a scalar or struct value checked against this type at `address`. Strings are
    /// not stored here: their buffers need an owner (see ``DLFunction``).
    func store(_ value: CValue, to address: UnsafeMutableRawPointer) {
        switch value {
        case .scalar(let scalar):
            scalar.store(to: address)
        case .structure(let fields):
            for (field, offset) in zip(fields, structure!.offsets) { field.store(to: address + offset) }
        case .cstring, .void:
            preconditionFailure("\(value.kindDescription) values have no storage of their own")
        }
    }
}
