/// Checks values against types before they cross into the engine.
///
/// Wasmtime also checks, but a call it refuses can leave the instance unusable
/// ("cannot enter component instance"); checking first keeps a bad call harmless and gives
/// a message that names the argument.
extension Value {
    /// Throws unless this value has type `type`; `path` names the value in the message.
    public func check(against type: ValueType, path: String) throws(WasmtimeError) {
        func mismatch() -> WasmtimeError {
            WasmtimeError(.misuse, "\(path): expected \(type), got \(kindName)")
        }
        switch (self, type) {
        case (.bool, .bool), (.s8, .s8), (.u8, .u8), (.s16, .s16), (.u16, .u16), (.s32, .s32), (.u32, .u32),
             (.s64, .s64), (.u64, .u64), (.f32, .f32), (.f64, .f64), (.char, .char), (.string, .string),
             (.resource, .own), (.resource, .borrow):
            return
        case (.list(let values), .list(let element)):
            for (index, value) in values.enumerated() { try value.check(against: element, path: "\(path)[\(index)]") }
        case (.tuple(let values), .tuple(let types)):
            guard values.count == types.count else { throw mismatch() }
            for (index, (value, type)) in zip(values, types).enumerated() {
                try value.check(against: type, path: "\(path).\(index)")
            }
        case (.record(let fields), .record(let types)):
            guard fields.map(\.name) == types.map(\.name) else {
                throw WasmtimeError(.misuse, "\(path): expected fields \(types.map(\.name)), got \(fields.map(\.name))")
            }
            for (field, type) in zip(fields, types) { try field.value.check(against: type.type, path: "\(path).\(field.name)") }
        case (.variant(let name, let payload), .variant(let cases)):
            guard let match = cases.first(where: { $0.name == name }) else {
                throw WasmtimeError(.misuse, "\(path): \(type) has no case '\(name)'")
            }
            try Self.checkPayload(payload, match.payload, path: "\(path).\(name)")
        case (.enumCase(let name), .enumeration(let names)):
            guard names.contains(name) else { throw WasmtimeError(.misuse, "\(path): \(type) has no case '\(name)'") }
        case (.option(let payload), .option(let inner)):
            try payload?.check(against: inner, path: "\(path).some")
        case (.ok(let payload), .result(let ok, _)):
            try Self.checkPayload(payload, ok, path: "\(path).ok")
        case (.err(let payload), .result(_, let err)):
            try Self.checkPayload(payload, err, path: "\(path).err")
        case (.flags(let set), .flags(let names)):
            if let unknown = set.first(where: { !names.contains($0) }) {
                throw WasmtimeError(.misuse, "\(path): \(type) has no flag '\(unknown)'")
            }
        default:
            throw mismatch()
        }
    }

    private static func checkPayload(_ payload: Value?, _ type: ValueType?, path: String) throws(WasmtimeError) {
        switch (payload, type) {
        case (nil, nil): return
        case (let payload?, let type?): try payload.check(against: type, path: path)
        case (nil, let type?): throw WasmtimeError(.misuse, "\(path): expected a payload of type \(type)")
        case (.some, nil): throw WasmtimeError(.misuse, "\(path): this case takes no payload")
        }
    }

    /// The value's kind, for messages.
    var kindName: String {
        switch self {
        case .bool: ValueType.bool.description
        case .s8: ValueType.s8.description
        case .u8: ValueType.u8.description
        case .s16: ValueType.s16.description
        case .u16: ValueType.u16.description
        case .s32: ValueType.s32.description
        case .u32: ValueType.u32.description
        case .s64: ValueType.s64.description
        case .u64: ValueType.u64.description
        case .f32: ValueType.f32.description
        case .f64: ValueType.f64.description
        case .char: ValueType.char.description
        case .string: ValueType.string.description
        case .list: "a list"
        case .record: "a record"
        case .tuple: "a tuple"
        case .variant: "a variant"
        case .enumCase: "an enum case"
        case .option: "an option"
        case .ok, .err: "a result"
        case .flags: "flags"
        case .resource: "a resource"
        }
    }
}
