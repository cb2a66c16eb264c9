import CWasmtime

/// A store owns the instances, resources and WASI state of one guest.
///
/// Not thread-safe: use a store from one thread at a time. Functions and resources
/// obtained from a store can only be used with that store; WasmPlug checks this instead
/// of letting Wasmtime abort the process.
public final class Store {
    public let engine: Engine
    let raw: OpaquePointer
    package let state: StoreState

    /// Creates a store; `data` is handed to every host function called from it.
    public init(engine: Engine, data: AnyObject? = nil) {
        self.engine = engine
        state = StoreState(data: data)
        raw = wasmtime_store_new(engine.raw, Unmanaged.passRetained(state).toOpaque()) { pointer in
            Unmanaged<StoreState>.fromOpaque(pointer!).release()
        }
    }

    deinit {
        wasmtime_store_delete(raw)
    }

    var context: OpaquePointer { wasmtime_store_context(raw) }

    /// The host data given at creation.
    public var data: AnyObject? { state.data }

    /// Gives the guest its view of the host through WASI (0.2 for components, preview 1 for
    /// core modules: the same context serves both). Call before instantiating.
    public func setWASI(_ configuration: WASIConfiguration) throws(WasmtimeError) {
        let config = try configuration.makeRaw()
        try WasmtimeError.check(wasmtime_context_set_wasi(context, config), context: "configuring WASI")
        state.hasWASI = true
    }

    /// Gives the store wasi:http's client state (after WASI's); the linker that links
    /// wasi:http does, before it instantiates.
    func setWASIHTTP() {
        wasmtime_context_set_wasi_http(context)
        state.hasWASIHTTP = true
    }

    /// Sets the fuel left; needs an engine configured with `consumeFuel`.
    public func setFuel(_ fuel: UInt64) throws(WasmtimeError) {
        guard engine.configuration.consumeFuel else {
            throw WasmtimeError(.misuse, "the engine was not configured to consume fuel", context: "setting fuel")
        }
        try WasmtimeError.check(wasmtime_context_set_fuel(context, fuel), context: "setting fuel")
    }

    /// The fuel left, when the engine consumes fuel.
    public var fuel: UInt64? {
        guard engine.configuration.consumeFuel else { return nil }
        var fuel: UInt64 = 0
        guard let error = wasmtime_context_get_fuel(context, &fuel) else { return fuel }
        wasmtime_error_delete(error)
        return nil
    }

    /// Interrupts guests in this store once the engine's epoch has advanced `ticks` times.
    public func setEpochDeadline(_ ticks: UInt64) throws(WasmtimeError) {
        guard engine.configuration.epochInterruption else {
            throw WasmtimeError(.misuse, "the engine was not configured for epoch interruption", context: "setting a deadline")
        }
        wasmtime_context_set_epoch_deadline(context, ticks)
    }

    /// Keeps `object` alive as long as this store: what the store's host functions rely on
    /// (a plugin's child process, a connection) is owned by the store that calls them, so it
    /// cannot go away while the guest runs, however early its creator lets go of it. Released
    /// when the store goes away, after every host resource was dropped.
    public func keepAlive(_ object: AnyObject) {
        if !state.keptAlive.contains(where: { $0 === object }) { state.keptAlive.append(object) }
    }

    /// Caps the size of each linear memory the guest creates or grows.
    public func limitMemory(toBytes bytes: Int64) {
        wasmtime_store_limiter(raw, bytes, -1, -1, -1, -1)
    }
}

/// The part of a store that host functions reach through the C context's data pointer.
package final class StoreState {
    let data: AnyObject?
    var hasWASI = false
    var hasWASIHTTP = false
    /// Host resources of this store, by representation number.
    let resources = HostResourceTable()

    /// State other WasmPlug modules keep per store (such as a native plugin's state), keyed by
    /// its owner; released when the store goes away, after every host resource was dropped.
    /// Unchecked exclusivity: host functions read it on every call, a store is used by one
    /// thread at a time, and no access outlives the subscript that makes it.
    @exclusivity(unchecked) package var extensions = StoreExtensions()

    /// The state `owner` keeps in this store: what host functions look up on every call.
    package func state(of owner: ObjectIdentifier) -> AnyObject? { extensions[owner] }

    /// Objects the store's host functions rely on (``Store/keepAlive(_:)``); released last.
    var keptAlive: [AnyObject] = []

    /// Spare storage for host-function arguments, so a call does not allocate an array.
    private var argumentBuffer: [Value] = []

    init(data: AnyObject?) {
        self.data = data
    }

    func takeArgumentBuffer() -> [Value] {
        defer { argumentBuffer = [] }
        return argumentBuffer
    }

    func returnArgumentBuffer(_ buffer: inout [Value]) {
        buffer.removeAll(keepingCapacity: true)
        swap(&argumentBuffer, &buffer)
    }

    deinit {
        resources.dropAll()
        extensions.removeAll()
        keptAlive.removeAll()
    }

    static func from(context: OpaquePointer) -> StoreState {
        Unmanaged<StoreState>.fromOpaque(wasmtime_context_get_data(context)!).takeUnretainedValue()
    }
}
