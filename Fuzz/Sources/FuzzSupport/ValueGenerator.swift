import WasmPlugEngine

/// Values built from fuzzer bytes, of a given type (so codecs must accept them) or of any shape.
extension FuzzInput {
    /// A value of `type`; `nil` for types no value is built for (resources, futures, streams,
    /// error contexts, and variants or enums without cases).
    public mutating func value(of type: ValueType) -> Value? {
        switch type {
        case .bool: return .bool(bool())
        case .s8: return .s8(Int8(truncatingIfNeeded: bits(1)))
        case .u8: return .u8(UInt8(truncatingIfNeeded: bits(1)))
        case .s16: return .s16(Int16(truncatingIfNeeded: bits(2)))
        case .u16: return .u16(UInt16(truncatingIfNeeded: bits(2)))
        case .s32: return .s32(Int32(truncatingIfNeeded: bits(4)))
        case .u32: return .u32(UInt32(truncatingIfNeeded: bits(4)))
        case .s64: return .s64(Int64(bitPattern: bits(8)))
        case .u64: return .u64(bits(8))
        case .f32: return .f32(Float(bitPattern: UInt32(truncatingIfNeeded: bits(4))))
        case .f64: return .f64(Double(bitPattern: bits(8)))
        case .char: return .char(scalar())
        case .string: return .string(string())
        case .list(let element):
            var values: [Value] = []
            for _ in 0..<int(below: 5) {
                guard let value = value(of: element) else { return nil }
                values.append(value)
            }
            return .list(values)
        case .record(let fields):
            var values: [Value.RecordField] = []
            for field in fields {
                guard let value = value(of: field.type) else { return nil }
                values.append(.init(field.name, value))
            }
            return .record(values)
        case .tuple(let types):
            var values: [Value] = []
            for type in types {
                guard let value = value(of: type) else { return nil }
                values.append(value)
            }
            return .tuple(values)
        case .variant(let cases):
            guard !cases.isEmpty else { return nil }
            let chosen = cases[int(below: min(cases.count, 256))]
            return payload(chosen.payload).map { .variant(chosen.name, $0) }
        case .enumeration(let names):
            return names.isEmpty ? nil : .enumCase(names[int(below: min(names.count, 256))])
        case .option(let inner):
            guard bool() else { return .option(nil) }
            return value(of: inner).map { .option($0) }
        case .result(let ok, let err):
            return bool() ? payload(err).map { .err($0) } : payload(ok).map { .ok($0) }
        case .flags(let names):
            return .flags(names.filter { _ in bool() })
        case .own, .borrow, .future, .stream, .errorContext:
            return nil
        }
    }

    /// A payload for a case of type `type`: `.some(nil)` for a case without one, `nil` when no
    /// value can be built.
    private mutating func payload(_ type: ValueType?) -> Value??  {
        guard let type else { return .some(nil) }
        return value(of: type).map { .some($0) }
    }

    /// A Unicode scalar value: ASCII most of the time, any scalar otherwise.
    public mutating func scalar() -> Unicode.Scalar {
        if bool() { return Unicode.Scalar(byte() & 0x7F) }
        let raw = UInt32(truncatingIfNeeded: bits(3)) % 0x11_0000
        return Unicode.Scalar(raw) ?? "\u{FFFD}"
    }

    /// A short string of scalars, some of them quotes, escapes and non-ASCII.
    public mutating func string() -> String {
        var string = ""
        for _ in 0..<int(below: 8) { string.unicodeScalars.append(scalar()) }
        return string
    }
}
