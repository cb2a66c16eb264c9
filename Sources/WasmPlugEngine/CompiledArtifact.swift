import CWasmtime

/// What the engine compiles from a WebAssembly binary and can save in compiled form: a
/// ``Component`` or a core ``Module``. The compiled-artifact cache works on either.
public protocol CompiledArtifact: AnyObject, Sendable {
    /// Compiles the binary, refusing one of the other kind with a message that says what it is.
    init(engine: Engine, bytes: [UInt8]) throws(WasmtimeError)
    /// Loads the file holding what ``serialize()`` produced with the same engine configuration.
    /// Wasmtime maps the file, without copying it, and runs it as machine code: it is trusted.
    init(engine: Engine, trustedSerializedFile path: String) throws(WasmtimeError)
    /// The compiled form.
    func serialize() throws(WasmtimeError) -> [UInt8]
}

/// The bytes a C serializer writes into a library-allocated vector.
func serializedBytes(context: String, _ serialize: (UnsafeMutablePointer<wasm_byte_vec_t>) -> OpaquePointer?) throws(WasmtimeError) -> [UInt8] {
    var bytes = wasm_byte_vec_t()
    try WasmtimeError.check(serialize(&bytes), context: context)
    defer { wasm_byte_vec_delete(&bytes) }
    return Array(UnsafeBufferPointer(start: bytes.data, count: bytes.size))
}
