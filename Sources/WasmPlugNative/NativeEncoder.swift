import CWasmtime
import WasmPlugEngine

/// Writes values the engine lifted from the guest into the native layout a plugin reads.
///
/// Strings are borrowed in place (the plugin sees the engine's bytes, never guest memory);
/// list elements go into memory owned by the call. Resource handles become the plugin's own
/// representation after the store's table confirms them.
struct NativeEncoder {
    let call: NativeCall
    let caller: Caller
    let resources: PluginResources

    func encode(
        _ value: UnsafePointer<CValue>, _ type: ValueType, _ layout: NativeLayout, into destination: UnsafeMutableRawPointer
    ) throws(WasmtimeError) {
        let of = value.pointee.of
        switch (type, layout) {
        case (.bool, _): destination.storeBytes(of: of.boolean ? 1 : 0, as: UInt8.self)
        case (.s8, _): destination.storeBytes(of: of.s8, as: Int8.self)
        case (.u8, _): destination.storeBytes(of: of.u8, as: UInt8.self)
        case (.s16, _): destination.storeBytes(of: of.s16, as: Int16.self)
        case (.u16, _): destination.storeBytes(of: of.u16, as: UInt16.self)
        case (.s32, _): destination.storeBytes(of: of.s32, as: Int32.self)
        case (.u32, _): destination.storeBytes(of: of.u32, as: UInt32.self)
        case (.s64, _): destination.storeBytes(of: of.s64, as: Int64.self)
        case (.u64, _): destination.storeBytes(of: of.u64, as: UInt64.self)
        case (.f32, _): destination.storeBytes(of: of.f32, as: Float.self)
        case (.f64, _): destination.storeBytes(of: of.f64, as: Double.self)
        case (.char, _): destination.storeBytes(of: of.character, as: UInt32.self)
        case (.string, _): storeSpan(UnsafeRawPointer(of.string.data), of.string.size, at: destination)
        case (.list(let elementType), .list(let element)):
            let items = call.allocate(size: element.size * of.list.size, alignment: element.alignment)
            for index in 0..<of.list.size {
                try encode(of.list.data! + index, elementType, element, into: items + index * element.size)
            }
            storeSpan(UnsafeRawPointer(items), of.list.size, at: destination)
        case (.record(let fields), .fields(let offsets, _, _)):
            for index in fields.indices {
                try withUnsafePointer(to: of.record.data![index].val) { (field) throws(WasmtimeError) in
                    try encode(field, fields[index].type, offsets[index].layout, into: destination + offsets[index].offset)
                }
            }
        case (.tuple(let types), .fields(let offsets, _, _)):
            for index in types.indices {
                try encode(of.tuple.data! + index, types[index], offsets[index].layout, into: destination + offsets[index].offset)
            }
        case (.variant(let cases), .variant(let size, let offset, let payloads, _, _)):
            let name = readName(of.variant.discriminant)
            guard let index = cases.firstIndex(where: { $0.name == name }) else { throw mismatch(type) }
            storeDiscriminant(index, size: size, at: destination)
            if let payload = of.variant.val, let payloadType = cases[index].payload, let payloadLayout = payloads[index] {
                try encode(payload, payloadType, payloadLayout, into: destination + offset)
            }
        case (.enumeration(let names), .variant(let size, _, _, _, _)):
            guard let index = names.firstIndex(of: readName(of.enumeration)) else { throw mismatch(type) }
            storeDiscriminant(index, size: size, at: destination)
        case (.option(let inner), .variant(let size, let offset, let payloads, _, _)):
            storeDiscriminant(of.option == nil ? 0 : 1, size: size, at: destination)
            if let payload = of.option { try encode(payload, inner, payloads[1]!, into: destination + offset) }
        case (.result(let ok, let err), .variant(let size, let offset, let payloads, _, _)):
            let index = of.result.is_ok ? 0 : 1
            storeDiscriminant(index, size: size, at: destination)
            if let payload = of.result.val, let payloadType = index == 0 ? ok : err, let payloadLayout = payloads[index] {
                try encode(payload, payloadType, payloadLayout, into: destination + offset)
            }
        case (.flags(let names), .flags(_, let size)):
            let words = destination.bindMemory(to: UInt8.self, capacity: size)
            for index in 0..<of.flags.size {
                guard let bit = names.firstIndex(of: readName(of.flags.data![index])) else { throw mismatch(type) }
                words[bit / 8] |= UInt8(1) << UInt8(bit % 8)
            }
        case (.own(let resource), _), (.borrow(let resource), _):
            let handle = Value(reading: value, store: caller.state)
            destination.storeBytes(of: try resources.representation(of: handle, named: resource.name, caller: caller), as: UInt32.self)
        default:
            throw mismatch(type)
        }
    }

    private func mismatch(_ type: ValueType) -> WasmtimeError {
        WasmtimeError(.trap, "a value did not match its declared type \(type)")
    }
}

/// Writes a `wasmplug_str_t` or `wasmplug_list_t`: pointer, then count.
func storeSpan(_ pointer: UnsafeRawPointer?, _ count: Int, at destination: UnsafeMutableRawPointer) {
    destination.storeBytes(of: pointer, as: UnsafeRawPointer?.self)
    destination.storeBytes(of: count, toByteOffset: 8, as: Int.self)
}

func storeDiscriminant(_ index: Int, size: Int, at destination: UnsafeMutableRawPointer) {
    switch size {
    case 1: destination.storeBytes(of: UInt8(index), as: UInt8.self)
    case 2: destination.storeBytes(of: UInt16(index), as: UInt16.self)
    default: destination.storeBytes(of: UInt32(index), as: UInt32.self)
    }
}

func readName(_ name: wasm_name_t) -> String {
    guard let data = name.data else { return "" }
    return String(decoding: UnsafeBufferPointer(start: data, count: name.size), as: UTF8.self)
}
