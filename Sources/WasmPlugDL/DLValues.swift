import WasmPlugEngine

/// Conversions between the component values of `wasi:dl/dl` and the host's C types and values.
///
/// The engine has already checked values against the interface's types, so a value of another
/// shape means the guest was built against another interface: an `invalid-argument` error.
extension CType {
    init(_ value: Value) throws(DLError) {
        guard case .variant(let name, let payload) = value else { throw malformed("c-type", value) }
        switch (name, payload) {
        case ("structure", .list(let fields)?):
            self = .structure(try fields.map { (field) throws(DLError) in
                guard case .enumCase(let name) = field, let scalar = CScalar(rawValue: name) else {
                    throw malformed("scalar-type", field)
                }
                return scalar
            })
        case ("cstring", nil): self = .cstring
        case ("void", nil): self = .void
        default:
            guard payload == nil, let scalar = CScalar(rawValue: name) else { throw malformed("c-type", value) }
            self = .scalar(scalar)
        }
    }
}

extension CScalarValue {
    init(_ value: Value) throws(DLError) {
        guard case .variant(let name, let payload?) = value else { throw malformed("scalar-value", value) }
        switch (name, payload) {
        case ("sint8", .s8(let x)): self = .sint8(x)
        case ("uint8", .u8(let x)): self = .uint8(x)
        case ("sint16", .s16(let x)): self = .sint16(x)
        case ("uint16", .u16(let x)): self = .uint16(x)
        case ("sint32", .s32(let x)): self = .sint32(x)
        case ("uint32", .u32(let x)): self = .uint32(x)
        case ("sint64", .s64(let x)): self = .sint64(x)
        case ("uint64", .u64(let x)): self = .uint64(x)
        case ("float", .f32(let x)): self = .float(x)
        case ("double", .f64(let x)): self = .double(x)
        case ("pointer", .u64(let x)): self = .pointer(x)
        default: throw malformed("scalar-value", value)
        }
    }

    /// The `scalar-value` (and `c-value`) case for this value.
    var componentValue: Value { .variant(scalar.rawValue, payload) }

    /// The value as the component value of the same width (a pointer as `u64`).
    var payload: Value {
        switch self {
        case .sint8(let x): .s8(x)
        case .uint8(let x): .u8(x)
        case .sint16(let x): .s16(x)
        case .uint16(let x): .u16(x)
        case .sint32(let x): .s32(x)
        case .uint32(let x): .u32(x)
        case .sint64(let x): .s64(x)
        case .uint64(let x): .u64(x)
        case .float(let x): .f32(x)
        case .double(let x): .f64(x)
        case .pointer(let x): .u64(x)
        }
    }
}

extension CValue {
    init(_ value: Value) throws(DLError) {
        switch value {
        case .variant("structure", .list(let fields)?):
            self = .structure(try fields.map { (field) throws(DLError) in try CScalarValue(field) })
        case .variant("cstring", .option(let string)?):
            guard case .string(let text)? = string else {
                guard string == nil else { throw malformed("c-value", value) }
                self = .cstring(nil)
                return
            }
            self = .cstring(text)
        case .variant("void", nil):
            self = .void
        default:
            self = .scalar(try CScalarValue(value))
        }
    }

    /// The `c-value` for this value.
    var componentValue: Value {
        switch self {
        case .scalar(let scalar): scalar.componentValue
        case .structure(let fields): .variant("structure", .list(fields.map(\.componentValue)))
        case .cstring(let string): .variant("cstring", .option(string.map(Value.string)))
        case .void: .variant("void", nil)
        }
    }
}

extension DLOpenFlags {
    init(_ value: Value) throws(DLError) {
        guard case .flags(let names) = value else { throw malformed("open-flags", value) }
        self = []
        for name in names {
            switch name {
            case "lazy": insert(.lazy)
            case "now": insert(.now)
            case "global": insert(.global)
            case "local": insert(.local)
            default: throw malformed("open-flags", value)
            }
        }
    }
}

extension DLError {
    /// The `error` variant for this error.
    var componentValue: Value { .variant(kind.rawValue, .string(message)) }
}

private func malformed(_ type: String, _ value: Value) -> DLError {
    DLError(.invalidArgument, "not a wasi:dl \(type): \(value)")
}
