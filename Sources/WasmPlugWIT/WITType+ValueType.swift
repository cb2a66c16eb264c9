import WasmPlugEngine

extension WITType {
    /// This type in the engine's type model, with `handle(resource name, owned)` giving the type
    /// that stands for each resource handle. Throws, naming the function, for futures and
    /// streams (and error contexts), which have no value form outside a component.
    public func valueType(in function: String, handle: (_ resource: String, _ owned: Bool) -> ValueType) throws(WITError) -> ValueType {
        func map(_ type: WITType) throws(WITError) -> ValueType { try type.valueType(in: function, handle: handle) }
        switch self {
        case .bool: return .bool
        case .s8: return .s8
        case .u8: return .u8
        case .s16: return .s16
        case .u16: return .u16
        case .s32: return .s32
        case .u32: return .u32
        case .s64: return .s64
        case .u64: return .u64
        case .f32: return .f32
        case .f64: return .f64
        case .char: return .char
        case .string: return .string
        case .own(let name): return handle(name, true)
        case .borrow(let name): return handle(name, false)
        case .list(let element): return .list(try map(element))
        case .option(let element): return .option(try map(element))
        case .record(let fields):
            var mapped: [ValueType.Field] = []
            for field in fields { mapped.append(.init(field.name, try map(field.type))) }
            return .record(mapped)
        case .tuple(let types):
            var mapped: [ValueType] = []
            for type in types { mapped.append(try map(type)) }
            return .tuple(mapped)
        case .variant(let cases):
            var mapped: [ValueType.Case] = []
            for item in cases { mapped.append(.init(item.name, try item.payload.map(map))) }
            return .variant(mapped)
        case .enumeration(let names): return .enumeration(names)
        case .flags(let names): return .flags(names)
        case .result(let ok, let err): return .result(ok: try ok.map(map), err: try err.map(map))
        case .future, .stream, .errorContext:
            throw WITError(fileName: function, message: "uses \(self), which has no value outside a component")
        }
    }
}

extension WITFunction {
    /// This function's type in the engine's model (see ``WITType/valueType(in:handle:)``).
    public func functionType(handle: (_ resource: String, _ owned: Bool) -> ValueType) throws(WITError) -> FunctionType {
        var parameters: [ValueType.Field] = []
        for parameter in self.parameters { parameters.append(.init(parameter.name, try parameter.type.valueType(in: name, handle: handle))) }
        return FunctionType(parameters: parameters, result: try result.map { type throws(WITError) in try type.valueType(in: name, handle: handle) })
    }
}
