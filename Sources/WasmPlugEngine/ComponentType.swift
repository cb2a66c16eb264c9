import CWasmtime

/// What a component imports and exports, with full function types.
public struct ComponentType: Sendable {
    public var imports: [NamedItem]
    public var exports: [NamedItem]
}

/// One import or export: its name and what it is.
public struct NamedItem: Sendable {
    public var name: String
    public var item: ComponentItem

    public init(name: String, item: ComponentItem) {
        self.name = name
        self.item = item
    }
}

/// An item a component can import or export.
public indirect enum ComponentItem: Sendable {
    case function(FunctionType)
    /// An instance, such as an imported WIT interface, with its own items.
    case instance([NamedItem])
    case component(ComponentType)
    case module
    case resource(ResourceType)
    case coreFunction
    case type(ValueType)

    /// The items of an instance, or nothing for other kinds.
    public var instanceItems: [NamedItem] {
        if case .instance(let items) = self { return items }
        return []
    }
}

extension ComponentType {
    /// Reads a component type; `raw` stays owned by the caller.
    init(reading raw: OpaquePointer, engine: Engine) {
        imports = Self.readItems(count: wasmtime_component_type_import_count(raw, engine.raw), engine: engine) {
            wasmtime_component_type_import_nth(raw, engine.raw, $0, $1, $2, $3)
        }
        exports = Self.readItems(count: wasmtime_component_type_export_count(raw, engine.raw), engine: engine) {
            wasmtime_component_type_export_nth(raw, engine.raw, $0, $1, $2, $3)
        }
    }

    typealias NthItem = (
        Int, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafeMutablePointer<Int>,
        UnsafeMutablePointer<OpaquePointer?>
    ) -> Bool

    static func readItems(count: Int, engine: Engine, nth: NthItem) -> [NamedItem] {
        var items: [NamedItem] = []
        for index in 0..<count {
            var name: UnsafePointer<CChar>?
            var length = 0
            var external: OpaquePointer?
            guard nth(index, &name, &length, &external), let external else { continue }
            defer { wasmtime_component_extern_delete(external) }
            var item = wasmtime_component_item_t()
            wasmtime_component_extern_type(external, &item)
            defer { wasmtime_component_item_delete(&item) }
            items.append(NamedItem(name: decodedName(name, length), item: ComponentItem(reading: item, engine: engine)))
        }
        nameResources(in: items)
        return items
    }

    /// Gives resource types used in signatures the names their instance exports them under.
    static func nameResources(in items: [NamedItem]) {
        let named: [(String, ResourceType)] = items.compactMap {
            if case .resource(let type) = $0.item { return ($0.name, type) }
            return nil
        }
        guard !named.isEmpty else { return }
        for item in items { item.item.visitResourceTypes { type in
            if type.name == nil, let match = named.first(where: { $0.1 == type }) { type.name = match.0 }
        } }
    }
}

extension ComponentItem {
    init(reading item: wasmtime_component_item_t, engine: Engine) {
        switch Int(item.kind) {
        case WASMTIME_COMPONENT_ITEM_COMPONENT_FUNC:
            self = .function(FunctionType(reading: item.of.component_func))
        case WASMTIME_COMPONENT_ITEM_COMPONENT_INSTANCE:
            let instance = item.of.component_instance
            self = .instance(ComponentType.readItems(
                count: wasmtime_component_instance_type_export_count(instance, engine.raw), engine: engine
            ) { wasmtime_component_instance_type_export_nth(instance, engine.raw, $0, $1, $2, $3) })
        case WASMTIME_COMPONENT_ITEM_COMPONENT:
            self = .component(ComponentType(reading: item.of.component, engine: engine))
        case WASMTIME_COMPONENT_ITEM_RESOURCE:
            self = .resource(ResourceType(owning: wasmtime_component_resource_type_clone(item.of.resource)!))
        case WASMTIME_COMPONENT_ITEM_TYPE:
            var type = item.of.type
            self = .type(ValueType(borrowing: &type))
        case WASMTIME_COMPONENT_ITEM_CORE_FUNC:
            self = .coreFunction
        default:
            self = .module
        }
    }

    func visitResourceTypes(_ visit: (ResourceType) -> Void) {
        switch self {
        case .function(let function):
            function.parameters.forEach { $0.type.visitResourceTypes(visit) }
            function.result?.visitResourceTypes(visit)
        case .resource(let type): visit(type)
        case .type(let type): type.visitResourceTypes(visit)
        case .instance, .component, .module, .coreFunction: break
        }
    }
}

extension FunctionType {
    /// Reads a function type; `raw` stays owned by the caller.
    init(reading raw: OpaquePointer) {
        var parameters: [ValueType.Field] = []
        for index in 0..<wasmtime_component_func_type_param_count(raw) {
            var name: UnsafePointer<CChar>?
            var length = 0
            var type = wasmtime_component_valtype_t()
            guard wasmtime_component_func_type_param_nth(raw, index, &name, &length, &type) else { continue }
            parameters.append(.init(decodedName(name, length), ValueType(consuming: &type)))
        }
        var resultType = wasmtime_component_valtype_t()
        let result = wasmtime_component_func_type_result(raw, &resultType) ? ValueType(consuming: &resultType) : nil
        self.init(parameters: parameters, result: result, isAsync: wasmtime_component_func_type_async(raw))
    }
}

extension ValueType {
    /// Reads a C value type and frees it.
    init(consuming raw: inout wasmtime_component_valtype_t) {
        self.init(borrowing: &raw)
        wasmtime_component_valtype_delete(&raw)
    }

    /// Reads a C value type that stays owned by the caller.
    init(borrowing raw: inout wasmtime_component_valtype_t) {
        let of = raw.of
        switch Int(raw.kind) {
        case WASMTIME_COMPONENT_VALTYPE_BOOL: self = .bool
        case WASMTIME_COMPONENT_VALTYPE_S8: self = .s8
        case WASMTIME_COMPONENT_VALTYPE_S16: self = .s16
        case WASMTIME_COMPONENT_VALTYPE_S32: self = .s32
        case WASMTIME_COMPONENT_VALTYPE_S64: self = .s64
        case WASMTIME_COMPONENT_VALTYPE_U8: self = .u8
        case WASMTIME_COMPONENT_VALTYPE_U16: self = .u16
        case WASMTIME_COMPONENT_VALTYPE_U32: self = .u32
        case WASMTIME_COMPONENT_VALTYPE_U64: self = .u64
        case WASMTIME_COMPONENT_VALTYPE_F32: self = .f32
        case WASMTIME_COMPONENT_VALTYPE_F64: self = .f64
        case WASMTIME_COMPONENT_VALTYPE_CHAR: self = .char
        case WASMTIME_COMPONENT_VALTYPE_STRING: self = .string
        case WASMTIME_COMPONENT_VALTYPE_LIST:
            self = .list(Self.read { wasmtime_component_list_type_element(of.list, &$0); return true }!)
        case WASMTIME_COMPONENT_VALTYPE_RECORD:
            self = .record((0..<wasmtime_component_record_type_field_count(of.record)).compactMap { index in
                var name: UnsafePointer<CChar>?
                var length = 0
                let type = Self.read { wasmtime_component_record_type_field_nth(of.record, index, &name, &length, &$0) }
                return type.map { Field(decodedName(name, length), $0) }
            })
        case WASMTIME_COMPONENT_VALTYPE_TUPLE:
            self = .tuple((0..<wasmtime_component_tuple_type_types_count(of.tuple)).compactMap { index in
                Self.read { wasmtime_component_tuple_type_types_nth(of.tuple, index, &$0) }
            })
        case WASMTIME_COMPONENT_VALTYPE_VARIANT:
            self = .variant((0..<wasmtime_component_variant_type_case_count(of.variant)).compactMap { index in
                var name: UnsafePointer<CChar>?
                var length = 0
                var hasPayload = false
                var payload = wasmtime_component_valtype_t()
                guard wasmtime_component_variant_type_case_nth(of.variant, index, &name, &length, &hasPayload, &payload)
                else { return nil }
                return ValueType.Case(decodedName(name, length), hasPayload ? ValueType(consuming: &payload) : nil)
            })
        case WASMTIME_COMPONENT_VALTYPE_ENUM:
            self = .enumeration(names(count: wasmtime_component_enum_type_names_count(of.enum_)) {
                wasmtime_component_enum_type_names_nth(of.enum_, $0, $1, $2)
            })
        case WASMTIME_COMPONENT_VALTYPE_OPTION:
            self = .option(Self.read { wasmtime_component_option_type_ty(of.option, &$0); return true }!)
        case WASMTIME_COMPONENT_VALTYPE_RESULT:
            self = .result(ok: Self.read { wasmtime_component_result_type_ok(of.result, &$0) },
                           err: Self.read { wasmtime_component_result_type_err(of.result, &$0) })
        case WASMTIME_COMPONENT_VALTYPE_FLAGS:
            self = .flags(names(count: wasmtime_component_flags_type_names_count(of.flags)) {
                wasmtime_component_flags_type_names_nth(of.flags, $0, $1, $2)
            })
        case WASMTIME_COMPONENT_VALTYPE_OWN:
            self = .own(ResourceType(owning: wasmtime_component_resource_type_clone(of.own)!))
        case WASMTIME_COMPONENT_VALTYPE_BORROW:
            self = .borrow(ResourceType(owning: wasmtime_component_resource_type_clone(of.borrow)!))
        case WASMTIME_COMPONENT_VALTYPE_FUTURE:
            self = .future(Self.read { wasmtime_component_future_type_ty(of.future, &$0) })
        case WASMTIME_COMPONENT_VALTYPE_STREAM:
            self = .stream(Self.read { wasmtime_component_stream_type_ty(of.stream, &$0) })
        default:
            self = .errorContext
        }
    }

    /// Reads the type a C accessor writes, when it reports one.
    private static func read(_ accessor: (inout wasmtime_component_valtype_t) -> Bool) -> ValueType? {
        var raw = wasmtime_component_valtype_t()
        guard accessor(&raw) else { return nil }
        return ValueType(consuming: &raw)
    }

    func visitResourceTypes(_ visit: (ResourceType) -> Void) {
        switch self {
        case .own(let type), .borrow(let type): visit(type)
        case .list(let element), .option(let element): element.visitResourceTypes(visit)
        case .record(let fields): fields.forEach { $0.type.visitResourceTypes(visit) }
        case .tuple(let types): types.forEach { $0.visitResourceTypes(visit) }
        case .variant(let cases): cases.forEach { $0.payload?.visitResourceTypes(visit) }
        case .result(let ok, let err):
            ok?.visitResourceTypes(visit)
            err?.visitResourceTypes(visit)
        case .future(let element), .stream(let element): element?.visitResourceTypes(visit)
        default: break
        }
    }
}

private func names(
    count: Int, _ nth: (Int, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafeMutablePointer<Int>) -> Bool
) -> [String] {
    (0..<count).compactMap { index in
        var name: UnsafePointer<CChar>?
        var length = 0
        return nth(index, &name, &length) ? decodedName(name, length) : nil
    }
}

/// A Swift string from a C pointer and byte length (not NUL-terminated).
func decodedName(_ pointer: UnsafePointer<CChar>?, _ length: Int) -> String {
    guard let pointer else { return "" }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
}
