extension ValueType {
    /// Whether a value of this type can hold a resource handle.
    public var holdsResources: Bool {
        switch self {
        case .own, .borrow: true
        case .list(let element), .option(let element): element.holdsResources
        case .record(let fields): fields.contains { $0.type.holdsResources }
        case .tuple(let types): types.contains { $0.holdsResources }
        case .variant(let cases): cases.contains { $0.payload?.holdsResources ?? false }
        case .result(let ok, let err): (ok?.holdsResources ?? false) || (err?.holdsResources ?? false)
        default: false
        }
    }
}

extension Value {
    /// This value with `transform` applied at every place `type` has a resource handle
    /// (`own<R>` or `borrow<R>`); `transform` receives the value there and that handle type.
    /// Used to carry handles across a boundary as something else (bytes on a wire).
    public func mappingHandles<E: Error>(as type: ValueType,
                                         _ transform: (Value, ValueType) throws(E) -> Value) throws(E) -> Value {
        guard type.holdsResources else { return self }
        switch (self, type) {
        case (_, .own), (_, .borrow):
            return try transform(self, type)
        case (.list(let elements), .list(let element)):
            var mapped: [Value] = []
            mapped.reserveCapacity(elements.count)
            for item in elements { mapped.append(try item.mappingHandles(as: element, transform)) }
            return .list(mapped)
        case (.record(let fields), .record(let types)):
            var mapped: [RecordField] = []
            for (field, fieldType) in zip(fields, types) {
                mapped.append(RecordField(field.name, try field.value.mappingHandles(as: fieldType.type, transform)))
            }
            return .record(mapped)
        case (.tuple(let values), .tuple(let types)):
            var mapped: [Value] = []
            for (item, itemType) in zip(values, types) { mapped.append(try item.mappingHandles(as: itemType, transform)) }
            return .tuple(mapped)
        case (.variant(let name, let payload?), .variant(let cases)):
            guard let payloadType = cases.first(where: { $0.name == name })?.payload else { return self }
            return .variant(name, try payload.mappingHandles(as: payloadType, transform))
        case (.option(let payload?), .option(let inner)):
            return .option(try payload.mappingHandles(as: inner, transform))
        case (.ok(let payload?), .result(let ok?, _)):
            return .ok(try payload.mappingHandles(as: ok, transform))
        case (.err(let payload?), .result(_, let err?)):
            return .err(try payload.mappingHandles(as: err, transform))
        default:
            return self
        }
    }
}

extension ValueType {
    /// This type with `transform` applied to each resource handle type in it.
    public func mappingHandleTypes(_ transform: (ValueType) -> ValueType) -> ValueType {
        guard holdsResources else { return self }
        switch self {
        case .own, .borrow: return transform(self)
        case .list(let element): return .list(element.mappingHandleTypes(transform))
        case .option(let element): return .option(element.mappingHandleTypes(transform))
        case .record(let fields): return .record(fields.map { .init($0.name, $0.type.mappingHandleTypes(transform)) })
        case .tuple(let types): return .tuple(types.map { $0.mappingHandleTypes(transform) })
        case .variant(let cases): return .variant(cases.map { .init($0.name, $0.payload?.mappingHandleTypes(transform)) })
        case .result(let ok, let err): return .result(ok: ok?.mappingHandleTypes(transform), err: err?.mappingHandleTypes(transform))
        default: return self
        }
    }
}

/// A function served to another process: where it is, and its type as it travels (resource
/// handles as `list<u8>`).
public struct WireFunction: Sendable {
    /// The interface (`wasi:keyvalue/store@0.2.0-draft`) and function (`[method]bucket.get`).
    public let interface: String
    public let name: String
    public let type: FunctionType

    public init(interface: String, name: String, type: FunctionType) {
        self.interface = interface
        self.name = name
        self.type = type
    }

    /// `[resource-drop]R` of `interface`: takes the handle, returns nothing.
    public static func resourceDrop(_ resource: String, of interface: String) -> WireFunction {
        WireFunction(interface: interface, name: "[resource-drop]\(resource)",
                     type: FunctionType(parameters: [.init("handle", .list(.u8))], result: nil))
    }
}
