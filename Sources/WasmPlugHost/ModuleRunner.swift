import WasmPlugCache
import WasmPlugEngine
import WasmPlugProvider
import WasmPlugWAVE

/// Runs a core module as `wasmtime run` does: WASI preview 1 provides its imports (nothing
/// else may: plugins serve components), then the export `--invoke` names is called with
/// numeric arguments and its results are printed, one a line; without `--invoke`, the export
/// named "" is called so, else `_start` runs, else the module is only instantiated (which
/// runs its start function).
struct ModuleRunner {
    let runner: GuestRunner
    var options: RunOptions { runner.options }
    var path: String { options.componentPath }

    /// Runs `module`, compiled for `engine`.
    func run(_ module: Module, engine: Engine) throws(HostError) -> Int32 {
        if !options.plugins.specifications.isEmpty || options.trustedDLPolicy != nil {
            throw HostError("'\(path)' is a core module, and plugins (-P, --trust-dl-policy) serve components only: "
                + "make it a component with `wasm-tools component new` to give it plugins")
        }
        if options.http {
            throw HostError("-S http: '\(path)' is a core module, and wasi:http serves components only "
                + "(`wasmtime run` refuses it too): leave -S http out")
        }
        if let other = module.imports.first(where: { !$0.isWASIPreview1 }) {
            throw HostError("'\(path)' imports \(other.module)::\(other.name), which WASI preview 1 does not provide, "
                + "and plugins serve components only: make it a component with `wasm-tools component new` to give it plugins")
        }
        let linker = ModuleLinker(engine: engine)
        try hostError { try linker.addWASI() }
        let guest = try GuestStore(engine: engine, options: options)
        return try runner.exitStatus {
            let instance = try linker.instantiate(module, in: guest.store)
            if let invoke = options.invoke {
                try call(invoke, in: instance, exports: module.exports)
                return 0
            }
            if instance.function("") != nil {
                try call("", in: instance, exports: module.exports)
            } else if let start = instance.function("_start") {
                _ = try start.call()
            }
            return 0
        }
    }

    /// `--invoke add` with the numbers after the module as arguments, as Wasmtime does, or
    /// `--invoke 'add(1, 2)'` as for components.
    private func call(_ invocation: String, in instance: ModuleInstance, exports: [CoreExport]) throws {
        var (name, texts) = (invocation, options.arguments)
        if invocation.contains("(") { (name, texts) = try hostError { try WAVE.parseInvocation(invocation) } }
        guard let function = instance.function(name) else {
            throw HostError("'\(path)' exports no function '\(name)'; its functions: \(functionNames(exports))")
        }
        let type = function.type
        let label = name.isEmpty ? "'\(path)', its export \"\"" : "--invoke \(name)"
        guard texts.count == type.parameters.count else {
            throw HostError("\(label): expected \(type.parameters.count) argument(s) for \(type), got \(texts.count)")
        }
        let arguments = try zip(texts, type.parameters).map { text, parameter in
            guard let value = CoreValue(text, as: parameter) else {
                throw HostError("\(label): '\(text)' is not an \(parameter.rawValue)")
            }
            return value
        }
        for result in try function.call(arguments) { runner.printResult(result.description) }
    }

    private func functionNames(_ exports: [CoreExport]) -> String {
        let names = exports.filter { if case .function = $0.type { true } else { false } }.map(\.name)
        return names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}

extension CoreImport {
    /// Whether Wasmtime's WASI preview 1 serves this import.
    public var isWASIPreview1: Bool { module == "wasi_snapshot_preview1" }
}
