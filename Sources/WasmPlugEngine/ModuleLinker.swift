import CWasmtime

/// Resolves a core module's imports; WasmPlug links only WASI preview 1 into core modules
/// (plugins serve components).
public final class ModuleLinker {
    public let engine: Engine
    let raw: OpaquePointer
    /// Whether WASI preview 1 (`wasi_snapshot_preview1`) is linked.
    public private(set) var includesWASI = false

    public init(engine: Engine) {
        self.engine = engine
        raw = wasmtime_linker_new(engine.raw)
    }

    deinit {
        wasmtime_linker_delete(raw)
    }

    /// Links Wasmtime's WASI preview 1, which serves the store's WASI context.
    public func addWASI() throws(WasmtimeError) {
        guard !includesWASI else { return }
        try WasmtimeError.check(wasmtime_linker_define_wasi(raw), context: "linking WASI preview 1")
        includesWASI = true
    }

    /// Instantiates `module` in `store` (running its start function, if it has one).
    public func instantiate(_ module: Module, in store: Store) throws(WasmtimeError) -> ModuleInstance {
        guard module.engine === engine, store.engine === engine else {
            throw WasmtimeError(.misuse, "the linker, the module and the store must come from the same engine",
                                context: "instantiating")
        }
        // WASI imports without a WASI context abort the process inside Wasmtime.
        if includesWASI && !store.state.hasWASI { try store.setWASI(WASIConfiguration()) }
        var instance = wasmtime_instance_t()
        var trap: OpaquePointer?
        let error = wasmtime_linker_instantiate(raw, store.context, module.raw, &instance, &trap)
        try WasmtimeError.check(error, trap: trap, context: "instantiating the module")
        return ModuleInstance(store: store, raw: instance)
    }
}

/// An instantiated core module in a store.
public final class ModuleInstance {
    public let store: Store
    let raw: wasmtime_instance_t

    init(store: Store, raw: wasmtime_instance_t) {
        self.store = store
        self.raw = raw
    }

    /// The exported function `name`, or nil when the module exports no function by that name.
    public func function(_ name: String) -> CoreFunction? {
        var item = wasmtime_extern_t()
        let found = withUnsafePointer(to: raw) { instance in
            name.withCString { wasmtime_instance_export_get(store.context, instance, $0, name.utf8.count, &item) }
        }
        guard found else { return nil }
        defer { wasmtime_extern_delete(&item) }
        guard Int(item.kind) == WASMTIME_EXTERN_FUNC else { return nil }
        return CoreFunction(store: store, raw: item.of.func)
    }
}

/// A core WebAssembly number: what `--invoke` passes to and prints from a core function.
public enum CoreValue: Sendable, Equatable, CustomStringConvertible {
    case i32(Int32), i64(Int64), f32(Float), f64(Double)

    /// Reads `text` as a value of `type`, as `wasmtime run --invoke` does: integers in decimal
    /// (an i32 or i64 may also be written unsigned), floats in decimal; nil when it is not one.
    public init?(_ text: String, as type: CoreValueType) {
        switch type {
        case .i32: guard let value = Int32(text) ?? UInt32(text).map(Int32.init(bitPattern:)) else { return nil }; self = .i32(value)
        case .i64: guard let value = Int64(text) ?? UInt64(text).map(Int64.init(bitPattern:)) else { return nil }; self = .i64(value)
        case .f32: guard let value = Float(text) else { return nil }; self = .f32(value)
        case .f64: guard let value = Double(text) else { return nil }; self = .f64(value)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .i32(let value): "\(value)"
        case .i64(let value): "\(value)"
        case .f32(let value): "\(value)"
        case .f64(let value): "\(value)"
        }
    }

    var raw: wasmtime_val_t {
        var value = wasmtime_val_t()
        switch self {
        case .i32(let number): value.kind = wasmtime_valkind_t(WASMTIME_I32); value.of.i32 = number
        case .i64(let number): value.kind = wasmtime_valkind_t(WASMTIME_I64); value.of.i64 = number
        case .f32(let number): value.kind = wasmtime_valkind_t(WASMTIME_F32); value.of.f32 = number
        case .f64(let number): value.kind = wasmtime_valkind_t(WASMTIME_F64); value.of.f64 = number
        }
        return value
    }

    init?(reading value: wasmtime_val_t) {
        switch Int(value.kind) {
        case WASMTIME_I32: self = .i32(value.of.i32)
        case WASMTIME_I64: self = .i64(value.of.i64)
        case WASMTIME_F32: self = .f32(value.of.f32)
        case WASMTIME_F64: self = .f64(value.of.f64)
        default: return nil
        }
    }
}

/// A core function bound to its store.
public final class CoreFunction {
    public let store: Store
    var raw: wasmtime_func_t

    init(store: Store, raw: wasmtime_func_t) {
        self.store = store
        self.raw = raw
    }

    /// The function's parameter and result types.
    public private(set) lazy var type: CoreFunctionType = {
        let type = wasmtime_func_type(store.context, &raw)!
        defer { wasm_functype_delete(type) }
        return CoreFunctionType(reading: type)
    }()

    /// Calls the function with numbers only; throws for other parameter or result types, for
    /// arguments of the wrong types, and when the guest traps or exits.
    public func call(_ arguments: [CoreValue] = []) throws(WasmtimeError) -> [CoreValue] {
        let numbers: [CoreValueType] = [.i32, .i64, .f32, .f64]
        guard (type.parameters + type.results).allSatisfy({ numbers.contains($0) }) else {
            throw WasmtimeError(.misuse, "only functions of numbers (i32, i64, f32, f64) can be called; this one is \(type)")
        }
        let rawArguments = arguments.map(\.raw)
        var results = [wasmtime_val_t](repeating: wasmtime_val_t(), count: type.results.count)
        var trap: OpaquePointer?
        let error = rawArguments.withUnsafeBufferPointer { arguments in
            results.withUnsafeMutableBufferPointer { results in
                wasmtime_func_call(store.context, &raw, arguments.baseAddress, arguments.count,
                                   results.baseAddress, results.count, &trap)
            }
        }
        try WasmtimeError.check(error, trap: trap, context: "calling the function")
        return results.compactMap(CoreValue.init(reading:))
    }
}
