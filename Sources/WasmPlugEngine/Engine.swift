import CWasmtime

/// The compilation environment shared by stores and components.
///
/// Settings that change generated code (fuel, epochs) are part of ``Configuration`` and of
/// its ``Configuration/cacheKey``: a component compiled under one configuration is never
/// loaded under another.
public final class Engine: @unchecked Sendable {
    // Safe to share: Wasmtime's engine is thread-safe (Send + Sync) and `raw` never changes.

    /// Engine settings that affect how guests are compiled and interrupted.
    public struct Configuration: Hashable, Sendable {
        /// Instrument code so that stores can limit execution with fuel.
        public var consumeFuel: Bool
        /// Instrument code so that a store's epoch deadline interrupts it (timeouts).
        public var epochInterruption: Bool

        public init(consumeFuel: Bool = false, epochInterruption: Bool = false) {
            self.consumeFuel = consumeFuel
            self.epochInterruption = epochInterruption
        }

        /// A short string naming the settings, for cache keys.
        public var cacheKey: String {
            "fuel=\(consumeFuel ? 1 : 0),epoch=\(epochInterruption ? 1 : 0)"
        }
    }

    /// The Wasmtime release this code was written and tested against.
    public static let wasmtimeVersion = "50.0.1"

    public let configuration: Configuration
    let raw: OpaquePointer

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        let config = wasm_config_new()!
        wasmtime_config_wasm_component_model_set(config, true)
        wasmtime_config_consume_fuel_set(config, configuration.consumeFuel)
        wasmtime_config_epoch_interruption_set(config, configuration.epochInterruption)
        raw = wasm_engine_new_with_config(config)
    }

    /// Advances the epoch: stores whose deadline is reached trap with an interrupt.
    public func incrementEpoch() {
        wasmtime_engine_increment_epoch(raw)
    }

    deinit {
        wasm_engine_delete(raw)
    }
}
