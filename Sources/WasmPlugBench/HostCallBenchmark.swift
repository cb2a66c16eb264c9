import CWasmtime
import Foundation
import WasmPlugEngine
import WasmPlugProvider

/// Guest→host call cost, measured from inside bench.wasm (C, clang), which calls its
/// imports `f(u32) -> u32` and `echo(string) -> string` in a loop.
///
/// The same guest runs against several hosts in one process: Swift host functions, a native
/// plugin library, plain C callbacks registered straight on the C API (the floor), and no
/// host at all for `call-pure`, a wasm-to-wasm call loop.
public struct HostCallBenchmark {
    public static let hostInterface = "wasmplug:bench/host@0.1.0"
    public static let runnerInterface = "wasmplug:bench/runner@0.1.0"

    public enum Host {
        case swift
        case cFloor
        /// A plugin of any kind implementing the same interface (a native library, in process
        /// or in a child process).
        case plugin(any ImportProvider)
    }

    let engine = Engine()
    let component: Component

    public init(guest bytes: [UInt8]) throws {
        component = try Component(engine: engine, bytes: bytes)
    }

    private var hostImport: NamedItem? {
        component.type.imports.first { $0.name == Self.hostInterface }
    }

    /// The guest's `export` in a store of its own whose host is `host`.
    public func prepare(host: Host, export: String) throws -> Func {
        let linker = Linker(engine: engine)
        let store = Store(engine: engine)
        if case .plugin(let plugin) = host, let hostImport {
            try plugin.attach(to: store)
            try plugin.define(hostImport, in: linker, store: store, importer: "bench.wasm")
        } else {
            try defineInSwift(host, in: linker)
        }
        return try linker.instantiate(component, in: store).function([Self.runnerInterface, export])!
    }

    /// Nanoseconds per call of `export(arguments)` looping `calls` times, best of `rounds`.
    public func nanosecondsPerCall(
        host: Host, export: String, calls: UInt32, extraArguments: [Value] = [], rounds: Int = 5
    ) throws -> Double {
        let function = try prepare(host: host, export: export)
        _ = try function.call([.u32(min(calls, 1000))] + extraArguments) // warm up
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try function.call([.u32(calls)] + extraArguments)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
            best = min(best, elapsed / Double(calls))
        }
        return best
    }

    /// The Swift host functions, or the plain C callbacks.
    private func defineInSwift(_ host: Host, in linker: Linker) throws {
        try linker.define(instance: Self.hostInterface) { instance in
            switch host {
            case .swift:
                try instance.function("f") { _, arguments in
                    guard case .u32(let x) = arguments[0] else { throw WasmtimeError(.trap, "f expects a u32") }
                    return .u32(x &+ 1)
                }
                try instance.function("echo") { _, arguments in arguments[0] }
                try instance.function("add") { _, arguments in
                    guard case .u32(let a) = arguments[0], case .u32(let b) = arguments[1] else {
                        throw WasmtimeError(.trap, "add expects two u32")
                    }
                    return .u32(a &+ b)
                }
                try instance.function("sum") { _, arguments in
                    guard case .list(let values) = arguments[0] else { throw WasmtimeError(.trap, "sum expects a list") }
                    var total: UInt64 = 0
                    for case .u32(let value) in values { total &+= UInt64(value) }
                    return .u64(total)
                }
            case .cFloor, .plugin:
                try instance.rawFunction("f", floorF)
                try instance.rawFunction("echo", floorEcho)
                try instance.rawFunction("add", floorAdd)
                try instance.rawFunction("sum", floorSum)
            }
        }
    }
}

/// `f(x) = x + 1` written against the C API alone: the cost every host function pays.
private let floorF: wasmtime_component_func_callback_t = { _, _, _, args, _, results, _ in
    let x = args!.pointee.of.u32
    results!.pointee.kind = UInt8(WASMTIME_COMPONENT_U32)
    results!.pointee.of.u32 = x &+ 1
    return nil
}

/// `echo(s) = s` against the C API alone: one copy of the string into a library-owned result.
private let floorEcho: wasmtime_component_func_callback_t = { _, _, _, args, _, results, _ in
    let string = args!.pointee.of.string
    results!.pointee.kind = UInt8(WASMTIME_COMPONENT_STRING)
    wasm_byte_vec_new(&results!.pointee.of.string, string.size, string.data)
    return nil
}

/// `add(a, b) = a + b` against the C API alone.
private let floorAdd: wasmtime_component_func_callback_t = { _, _, _, args, _, results, _ in
    results!.pointee.kind = UInt8(WASMTIME_COMPONENT_U32)
    results!.pointee.of.u32 = args![0].of.u32 &+ args![1].of.u32
    return nil
}

/// `sum(v)` against the C API alone: reads each element of the engine's list.
private let floorSum: wasmtime_component_func_callback_t = { _, _, _, args, _, results, _ in
    let list = args!.pointee.of.list
    var total: UInt64 = 0
    for index in 0..<list.size { total &+= UInt64(list.data![index].of.u32) }
    results!.pointee.kind = UInt8(WASMTIME_COMPONENT_U64)
    results!.pointee.of.u64 = total
    return nil
}
