import CWasmtime

/// A compiled component, ready to instantiate in any store of its engine.
public final class Component: CompiledArtifact, @unchecked Sendable {
    // Safe to share: a compiled component is immutable and thread-safe in Wasmtime.
    public let engine: Engine
    let raw: OpaquePointer

    /// Compiles a component from its binary. Checks the bytes first so that a file that is
    /// not a component gets a message saying what it is instead.
    public init(engine: Engine, bytes: [UInt8]) throws(WasmtimeError) {
        try WasmBinaryKind(bytes).requireComponent()
        var raw: OpaquePointer?
        try WasmtimeError.check(
            bytes.withUnsafeBufferPointer { wasmtime_component_new(engine.raw, $0.baseAddress, $0.count, &raw) },
            context: "compiling the component")
        self.engine = engine
        self.raw = raw!
    }

    /// Loads a component that ``serialize()`` produced with the same engine configuration
    /// from the file at `path`, which Wasmtime maps rather than copies.
    ///
    /// The file is trusted: Wasmtime runs it as machine code, checking only that its engine
    /// version and configuration match. Only pass files `wasmplug compile` or WasmPlug's cache
    /// wrote.
    public init(engine: Engine, trustedSerializedFile path: String) throws(WasmtimeError) {
        var raw: OpaquePointer?
        try WasmtimeError.check(wasmtime_component_deserialize_file(engine.raw, path, &raw),
                                context: "loading a compiled component")
        self.engine = engine
        self.raw = raw!
    }

    deinit {
        wasmtime_component_delete(raw)
    }

    /// The compiled form, for ``init(engine:trustedSerializedFile:)``.
    public func serialize() throws(WasmtimeError) -> [UInt8] {
        try serializedBytes(context: "serializing the component") { wasmtime_component_serialize(raw, $0) }
    }

    /// The component's imports and exports.
    public var type: ComponentType {
        let type = wasmtime_component_type(raw)!
        defer { wasmtime_component_type_delete(type) }
        return ComponentType(reading: type, engine: engine)
    }
}

/// What a file's first bytes say it is.
public enum WasmBinaryKind: Equatable, Sendable {
    case component
    case coreModule
    case empty
    case notWasm
    case unknownVersion(UInt16)
    /// Machine code compiled ahead of time (`wasmplug compile`, `wasmtime compile`): an ELF file.
    case precompiled

    public init(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { self = .empty; return }
        if bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) { self = .precompiled; return }
        guard bytes.count >= 8, bytes[0..<4].elementsEqual([0x00, 0x61, 0x73, 0x6D]) else { self = .notWasm; return }
        let version = UInt16(bytes[4]) | UInt16(bytes[5]) << 8
        let layer = UInt16(bytes[6]) | UInt16(bytes[7]) << 8
        switch (layer, version) {
        case (0, 1): self = .coreModule
        case (1, _): self = .component
        default: self = .unknownVersion(version)
        }
    }

    func requireCoreModule() throws(WasmtimeError) {
        switch self {
        case .coreModule: return
        case .component: throw WasmtimeError(.engine, "this is a component, not a core WebAssembly module")
        default: try requireComponent()
        }
    }

    func requireComponent() throws(WasmtimeError) {
        switch self {
        case .component:
            return
        case .coreModule:
            throw WasmtimeError(
                .engine,
                "this is a core WebAssembly module, not a component; make a component with "
                    + "`wasm-tools component new` (with the WASI preview1 adapter for WASI programs)")
        case .empty:
            throw WasmtimeError(.engine, "the file is empty, not a WebAssembly component")
        case .notWasm:
            throw WasmtimeError(.engine, "not a WebAssembly file (no \\0asm header); expected a component")
        case .unknownVersion(let version):
            throw WasmtimeError(.engine, "unsupported WebAssembly binary version \(version); expected a component")
        case .precompiled:
            throw WasmtimeError(.engine, "this is a precompiled artifact (machine code from `wasmplug compile`), not a "
                + "component; run it with --allow-precompiled if you trust where it came from")
        }
    }
}
