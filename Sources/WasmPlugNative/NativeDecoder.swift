import WasmPlugEngine

/// Reads a plugin's result from native memory into a ``Value``, checking everything a buggy
/// plugin could get wrong (null pointers, invalid UTF-8, out-of-range discriminants and chars)
/// so that a bad result becomes a trap instead of reaching the engine.
struct NativeDecoder {
    let caller: Caller
    let resources: PluginResources
    /// The plugin's name, for messages.
    let plugin: String
    /// The plugin's state in the calling store, for the resources it returns.
    let state: UnsafeMutableRawPointer?

    /// The largest string or list a plugin may return, in elements: 1 GiB.
    static let maximumCount = 1 << 30

    func decode(_ type: ValueType, _ layout: NativeLayout, at source: UnsafeRawPointer) throws(WasmtimeError) -> Value {
        switch (type, layout) {
        case (.bool, _):
            let byte = source.load(as: UInt8.self)
            guard byte <= 1 else { throw invalid("bool \(byte)") }
            return .bool(byte == 1)
        case (.s8, _): return .s8(source.load(as: Int8.self))
        case (.u8, _): return .u8(source.load(as: UInt8.self))
        case (.s16, _): return .s16(source.loadUnaligned(as: Int16.self))
        case (.u16, _): return .u16(source.loadUnaligned(as: UInt16.self))
        case (.s32, _): return .s32(source.loadUnaligned(as: Int32.self))
        case (.u32, _): return .u32(source.loadUnaligned(as: UInt32.self))
        case (.s64, _): return .s64(source.loadUnaligned(as: Int64.self))
        case (.u64, _): return .u64(source.loadUnaligned(as: UInt64.self))
        case (.f32, _): return .f32(source.loadUnaligned(as: Float.self))
        case (.f64, _): return .f64(source.loadUnaligned(as: Double.self))
        case (.char, _):
            let code = source.loadUnaligned(as: UInt32.self)
            guard let scalar = Unicode.Scalar(code) else { throw invalid("char U+\(String(code, radix: 16))") }
            return .char(scalar)
        case (.string, _):
            let bytes = try span(at: source, elementSize: 1)
            guard let text = String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) else {
                throw invalid("string (not UTF-8)")
            }
            return .string(text)
        case (.list(let elementType), .list(let element)):
            let items = try span(at: source, elementSize: element.size)
            var values: [Value] = []
            values.reserveCapacity(items.count / max(element.size, 1))
            for offset in stride(from: 0, to: items.count, by: max(element.size, 1)) {
                values.append(try decode(elementType, element, at: items.baseAddress! + offset))
            }
            return .list(values)
        case (.record(let fields), .fields(let offsets, _, _)):
            var values: [Value.RecordField] = []
            for index in fields.indices {
                values.append(.init(fields[index].name, try decode(fields[index].type, offsets[index].layout,
                                                                  at: source + offsets[index].offset)))
            }
            return .record(values)
        case (.tuple(let types), .fields(let offsets, _, _)):
            var values: [Value] = []
            for index in types.indices {
                values.append(try decode(types[index], offsets[index].layout, at: source + offsets[index].offset))
            }
            return .tuple(values)
        case (.variant(let cases), .variant(let size, let offset, let payloads, _, _)):
            let index = try discriminant(at: source, size: size, count: cases.count, type)
            return .variant(cases[index].name, try payload(cases[index].payload, payloads[index], at: source + offset))
        case (.enumeration(let names), .variant(let size, _, _, _, _)):
            return .enumCase(names[try discriminant(at: source, size: size, count: names.count, type)])
        case (.option(let inner), .variant(let size, let offset, let payloads, _, _)):
            let index = try discriminant(at: source, size: size, count: 2, type)
            return .option(index == 0 ? nil : try decode(inner, payloads[1]!, at: source + offset))
        case (.result(let ok, let err), .variant(let size, let offset, let payloads, _, _)):
            let index = try discriminant(at: source, size: size, count: 2, type)
            return index == 0
                ? .ok(try payload(ok, payloads[0], at: source + offset))
                : .err(try payload(err, payloads[1], at: source + offset))
        case (.flags(let names), _):
            let bytes = source.assumingMemoryBound(to: UInt8.self)
            return .flags(names.indices.filter { bytes[$0 / 8] & (UInt8(1) << UInt8($0 % 8)) != 0 }.map { names[$0] })
        case (.own(let resource), _):
            return try resources.handle(for: source.loadUnaligned(as: UInt32.self), named: resource.name, state: state, caller: caller)
        default:
            throw WasmtimeError(.trap, "plugin \(plugin) returned a \(type), which native plugins cannot return")
        }
    }

    private func payload(_ type: ValueType?, _ layout: NativeLayout?, at source: UnsafeRawPointer) throws(WasmtimeError) -> Value? {
        guard let type, let layout else { return nil }
        return try decode(type, layout, at: source)
    }

    /// The bytes a `wasmplug_str_t` or `wasmplug_list_t` points at.
    private func span(at source: UnsafeRawPointer, elementSize: Int) throws(WasmtimeError) -> UnsafeRawBufferPointer {
        let pointer = source.loadUnaligned(as: UnsafeRawPointer?.self)
        let count = source.loadUnaligned(fromByteOffset: 8, as: Int.self)
        guard count >= 0, count <= Self.maximumCount else { throw invalid("length \(count)") }
        guard count == 0 || pointer != nil else { throw invalid("null pointer with length \(count)") }
        return UnsafeRawBufferPointer(start: pointer, count: count * elementSize)
    }

    private func discriminant(at source: UnsafeRawPointer, size: Int, count: Int, _ type: ValueType) throws(WasmtimeError) -> Int {
        let index = switch size {
        case 1: Int(source.load(as: UInt8.self))
        case 2: Int(source.loadUnaligned(as: UInt16.self))
        default: Int(source.loadUnaligned(as: UInt32.self))
        }
        guard index < count else { throw invalid("case \(index) of \(type)") }
        return index
    }

    private func invalid(_ what: String) -> WasmtimeError {
        WasmtimeError(.trap, "plugin \(plugin) returned an invalid \(what)")
    }
}
