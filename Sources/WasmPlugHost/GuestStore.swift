import Dispatch
import WasmPlugEngine
import WasmPlugProvider

/// The store of one run's guest, component or core module: its WASI view of the host and its
/// limits (fuel, wall-clock time, memory) as the run's options say. The timeout's timer stops
/// when this goes away.
final class GuestStore {
    let store: Store
    private var timer: DispatchWorkItem?

    init(engine: Engine, options: RunOptions) throws(HostError) {
        store = Store(engine: engine)
        do {
            try store.setWASI(options.wasiConfiguration)
            if let maxMemory = options.maxMemory { store.limitMemory(toBytes: maxMemory) }
            if let fuel = options.fuel { try store.setFuel(fuel) }
            if let timeout = options.timeout {
                try store.setEpochDeadline(1)
                let work = DispatchWorkItem { [engine] in engine.incrementEpoch() }
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: work)
                timer = work
            }
        } catch {
            throw HostError("\(error)")
        }
    }

    deinit {
        timer?.cancel()
    }
}
