import CWasmtime

// Values cross the C boundary in two directions:
// - reading (`Value(reading:store:)`): the engine owns the C value; Swift copies what it needs
//   and clones resource handles;
// - writing (`write(into:)`): Swift fills a slot with memory from the library's own
//   allocators, because the library frees it.
// Values are checked (`checkWritable`) before any writing starts, so a write never stops
// half way with uninitialised slots behind it.

package typealias CValue = wasmtime_component_val_t

extension Value {
    /// Copies a value the engine owns.
    package init(reading raw: UnsafePointer<CValue>, store: StoreState) {
        let of = raw.pointee.of
        switch Int(raw.pointee.kind) {
        case WASMTIME_COMPONENT_BOOL: self = .bool(of.boolean)
        case WASMTIME_COMPONENT_S8: self = .s8(of.s8)
        case WASMTIME_COMPONENT_U8: self = .u8(of.u8)
        case WASMTIME_COMPONENT_S16: self = .s16(of.s16)
        case WASMTIME_COMPONENT_U16: self = .u16(of.u16)
        case WASMTIME_COMPONENT_S32: self = .s32(of.s32)
        case WASMTIME_COMPONENT_U32: self = .u32(of.u32)
        case WASMTIME_COMPONENT_S64: self = .s64(of.s64)
        case WASMTIME_COMPONENT_U64: self = .u64(of.u64)
        case WASMTIME_COMPONENT_F32: self = .f32(of.f32)
        case WASMTIME_COMPONENT_F64: self = .f64(of.f64)
        case WASMTIME_COMPONENT_CHAR: self = .char(Unicode.Scalar(of.character) ?? "\u{FFFD}")
        case WASMTIME_COMPONENT_STRING: self = .string(readName(of.string))
        case WASMTIME_COMPONENT_LIST: self = .list(readValues(of.list.data, of.list.size, store))
        case WASMTIME_COMPONENT_TUPLE: self = .tuple(readValues(of.tuple.data, of.tuple.size, store))
        case WASMTIME_COMPONENT_RECORD:
            let entries = UnsafeBufferPointer(start: of.record.data, count: of.record.size)
            self = .record(entries.map { entry in
                withUnsafePointer(to: entry.val) { RecordField(readName(entry.name), Value(reading: $0, store: store)) }
            })
        case WASMTIME_COMPONENT_VARIANT:
            self = .variant(readName(of.variant.discriminant), of.variant.val.map { Value(reading: $0, store: store) })
        case WASMTIME_COMPONENT_ENUM: self = .enumCase(readName(of.enumeration))
        case WASMTIME_COMPONENT_OPTION: self = .option(of.option.map { Value(reading: $0, store: store) })
        case WASMTIME_COMPONENT_RESULT:
            let payload = of.result.val.map { Value(reading: $0, store: store) }
            self = of.result.is_ok ? .ok(payload) : .err(payload)
        case WASMTIME_COMPONENT_FLAGS:
            self = .flags(UnsafeBufferPointer(start: of.flags.data, count: of.flags.size).map(readName))
        default: // WASMTIME_COMPONENT_RESOURCE
            self = .resource(Resource(owning: wasmtime_component_resource_any_clone(of.resource)!, store: store))
        }
    }

    /// Throws if this value cannot be handed to `store` (a resource from another store).
    package func checkWritable(to store: StoreState) throws(WasmtimeError) {
        switch self {
        case .resource(let resource):
            guard resource.storeID == ObjectIdentifier(store) else {
                throw WasmtimeError(.misuse, "a resource handle from another store cannot be used here")
            }
        case .list(let values), .tuple(let values):
            for value in values { try value.checkWritable(to: store) }
        case .record(let fields):
            for field in fields { try field.value.checkWritable(to: store) }
        case .variant(_, let payload?), .option(let payload?), .ok(let payload?), .err(let payload?):
            try payload.checkWritable(to: store)
        default:
            break
        }
    }

    /// Fills `slot` (treated as uninitialised) with this value in library-owned memory.
    /// Call ``checkWritable(to:)`` first.
    package func write(into slot: UnsafeMutablePointer<CValue>) {
        switch self {
        case .bool(let v): slot.pointee.kind = UInt8(WASMTIME_COMPONENT_BOOL); slot.pointee.of.boolean = v
        case .s8(let v): slot.pointee.kind = UInt8(WASMTIME_COMPONENT_S8); slot.pointee.of.s8 = v
        case .u8(let v): slot.pointee.kind = UInt8(WASMTIME_COMPONENT_U8); slot.pointee.of.u8 = v
        case .s16(let v): slot.pointee.kind = UInt8(WASMTIME_COMPONENT_S16); slot.pointee.of.s16 = v
        case .u16(let v): slot.pointee.kind = UInt8(WASMTIME_COMPONENT_U16); slot.pointee.of.u16 = v
        case .s32(let v): slot.pointee.kind = UInt8(WASMTIME_COMPONENT_S32); slot.pointee.of.s32 = v
        case .u32(let v): slot.pointee.kind = UInt8(WASMTIME_COMPONENT_U32); slot.pointee.of.u32 = v
        case .s64(let v): slot.pointee.kind = UInt8(WASMTIME_COMPONENT_S64); slot.pointee.of.s64 = v
        case .u64(let v): slot.pointee.kind = UInt8(WASMTIME_COMPONENT_U64); slot.pointee.of.u64 = v
        case .f32(let v): slot.pointee.kind = UInt8(WASMTIME_COMPONENT_F32); slot.pointee.of.f32 = v
        case .f64(let v): slot.pointee.kind = UInt8(WASMTIME_COMPONENT_F64); slot.pointee.of.f64 = v
        case .char(let v): slot.pointee.kind = UInt8(WASMTIME_COMPONENT_CHAR); slot.pointee.of.character = v.value
        case .string(let v):
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_STRING)
            writeName(v, into: &slot.pointee.of.string)
        case .list(let values):
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_LIST)
            wasmtime_component_vallist_new_uninit(&slot.pointee.of.list, values.count)
            Self.write(values, into: slot.pointee.of.list.data)
        case .tuple(let values):
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_TUPLE)
            wasmtime_component_valtuple_new_uninit(&slot.pointee.of.tuple, values.count)
            Self.write(values, into: slot.pointee.of.tuple.data)
        case .record(let fields):
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_RECORD)
            wasmtime_component_valrecord_new_uninit(&slot.pointee.of.record, fields.count)
            let entries = slot.pointee.of.record.data
            for (index, field) in fields.enumerated() {
                writeName(field.name, into: &entries![index].name)
                field.value.write(into: &entries![index].val)
            }
        case .variant(let name, let payload):
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_VARIANT)
            writeName(name, into: &slot.pointee.of.variant.discriminant)
            slot.pointee.of.variant.val = payload.map(Self.boxed)
        case .enumCase(let name):
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_ENUM)
            writeName(name, into: &slot.pointee.of.enumeration)
        case .option(let payload):
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_OPTION)
            slot.pointee.of.option = payload.map(Self.boxed)
        case .ok(let payload), .err(let payload):
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_RESULT)
            if case .ok = self { slot.pointee.of.result.is_ok = true } else { slot.pointee.of.result.is_ok = false }
            slot.pointee.of.result.val = payload.map(Self.boxed)
        case .flags(let names):
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_FLAGS)
            wasmtime_component_valflags_new_uninit(&slot.pointee.of.flags, names.count)
            for (index, name) in names.enumerated() { writeName(name, into: &slot.pointee.of.flags.data![index]) }
        case .resource(let resource):
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_RESOURCE)
            slot.pointee.of.resource = wasmtime_component_resource_any_clone(resource.raw)
        }
    }

    private static func write(_ values: [Value], into data: UnsafeMutablePointer<CValue>?) {
        for (index, value) in values.enumerated() { value.write(into: data! + index) }
    }

    /// A payload moved onto the library's heap.
    private static func boxed(_ value: Value) -> UnsafeMutablePointer<CValue> {
        var slot = CValue()
        value.write(into: &slot)
        return wasmtime_component_val_new(&slot)
    }
}

private func readValues(_ data: UnsafeMutablePointer<CValue>?, _ count: Int, _ store: StoreState) -> [Value] {
    guard let data else { return [] }
    return (0..<count).map { Value(reading: data + $0, store: store) }
}

func readName(_ name: wasm_name_t) -> String {
    guard let data = name.data else { return "" }
    return String(decoding: UnsafeBufferPointer(start: data, count: name.size), as: UTF8.self)
}

private func writeName(_ string: String, into name: UnsafeMutablePointer<wasm_name_t>) {
    var string = string
    string.withUTF8 { wasm_byte_vec_new(name, $0.count, $0.baseAddress) }
}

/// Owns C values that Swift wrote, deleting what they hold when done.
struct CValueBuffer: ~Copyable {
    let pointer: UnsafeMutablePointer<CValue>
    let count: Int

    /// `count` slots, each holding `false` so that they are valid to free.
    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        for index in 0..<max(count, 1) {
            pointer[index] = CValue()
            pointer[index].kind = UInt8(WASMTIME_COMPONENT_BOOL)
        }
    }

    deinit {
        for index in 0..<count { wasmtime_component_val_delete(pointer + index) }
        pointer.deallocate()
    }
}
