import CWasmtime

/// A compiled core WebAssembly module (a WASI preview 1 program, say), ready to instantiate
/// in any store of its engine.
public final class Module: CompiledArtifact, @unchecked Sendable {
    // Safe to share: a compiled module is immutable and thread-safe in Wasmtime.
    public let engine: Engine
    let raw: OpaquePointer

    /// Compiles a core module from its binary; a component gets a message saying what it is.
    public init(engine: Engine, bytes: [UInt8]) throws(WasmtimeError) {
        try WasmBinaryKind(bytes).requireCoreModule()
        var raw: OpaquePointer?
        try WasmtimeError.check(
            bytes.withUnsafeBufferPointer { wasmtime_module_new(engine.raw, $0.baseAddress, $0.count, &raw) },
            context: "compiling the module")
        self.engine = engine
        self.raw = raw!
    }

    /// Loads a module that ``serialize()`` produced with the same engine configuration from
    /// the file at `path`, which Wasmtime maps; the file is trusted (see ``CompiledArtifact``).
    public init(engine: Engine, trustedSerializedFile path: String) throws(WasmtimeError) {
        var raw: OpaquePointer?
        try WasmtimeError.check(wasmtime_module_deserialize_file(engine.raw, path, &raw),
                                context: "loading a compiled module")
        self.engine = engine
        self.raw = raw!
    }

    deinit {
        wasmtime_module_delete(raw)
    }

    public func serialize() throws(WasmtimeError) -> [UInt8] {
        try serializedBytes(context: "serializing the module") { wasmtime_module_serialize(raw, $0) }
    }

    /// The module's imports, in order.
    public var imports: [CoreImport] {
        var vector = wasm_importtype_vec_t()
        wasmtime_module_imports(raw, &vector)
        defer { wasm_importtype_vec_delete(&vector) }
        return (0..<vector.size).map { index in
            let item = vector.data[index]!
            return CoreImport(module: readName(wasm_importtype_module(item).pointee), name: readName(wasm_importtype_name(item).pointee),
                              type: CoreItemType(reading: wasm_importtype_type(item)))
        }
    }

    /// The module's exports, in order.
    public var exports: [CoreExport] {
        var vector = wasm_exporttype_vec_t()
        wasmtime_module_exports(raw, &vector)
        defer { wasm_exporttype_vec_delete(&vector) }
        return (0..<vector.size).map { index in
            let item = vector.data[index]!
            return CoreExport(name: readName(wasm_exporttype_name(item).pointee), type: CoreItemType(reading: wasm_exporttype_type(item)))
        }
    }
}
