import Foundation
import WasmPlugCache
import WasmPlugDL
import WasmPlugEngine
import WasmPlugProvider
import WasmPlugWAVE

/// Runs a guest as `wasmplug run` does. A component: resolve every import first, then either
/// run its `wasi:cli/run` export or call the function named by `--invoke`. A core module:
/// WASI preview 1 only, then its `_start` or the export named by `--invoke`.
public struct GuestRunner {
    public let options: RunOptions
    /// Where `--invoke` results go (stdout in the CLI).
    public var printResult: (String) -> Void

    public init(options: RunOptions, printResult: @escaping (String) -> Void) {
        self.options = options
        self.printResult = printResult
    }

    /// Runs the guest; returns the exit status the process should have. A core module runs
    /// with WASI preview 1 (``ModuleRunner``); a component with WASI 0.2 and plugins.
    public func run() throws(HostError) -> Int32 {
        let engine = Engine(options.engineConfiguration)
        let component: Component
        switch try GuestLoader.artifact(options.componentPath, engine: engine, cache: options.cache,
                                        allowPrecompiled: options.allowPrecompiled) {
        case .module(let module): return try ModuleRunner(runner: self).run(module, engine: engine)
        case .component(let compiled): component = compiled
        }
        let type = component.type
        let plugins = try PluginProviders(options.plugins, engine: engine, cache: options.cache)
        try plugins.requireUsed(by: type.imports)
        if options.invoke == nil { try refuseHTTPServer(type.exports) }
        let resolution = plugins.resolve(type.imports, http: options.http,
                                         adding: try trustedDL(type.imports).map { [$0, DLTypedImports(policy: $0.policy)] } ?? [])
        try resolution.requireComplete()

        let linker = Linker(engine: engine)
        try hostError { try options.http ? linker.addWASIHTTP() : linker.addWASI() }
        let guest = try GuestStore(engine: engine, options: options)
        // After WASI and the limits: plugin components are instantiated in this store now.
        try hostError { try plugins.define(resolution, in: linker, store: guest.store) }

        return try exitStatus {
            let instance = try linker.instantiate(component, in: guest.store)
            if let invoke = options.invoke {
                try call(invoke, in: instance, exports: type.exports)
                return 0
            }
            return try runCommand(instance, exports: type.exports)
        }
    }

    /// Runs `body`, which instantiates and runs the guest, and gives the exit status: the
    /// guest's own when it exits; a one-line ``HostError`` when it traps, runs out of fuel or
    /// time, or the engine fails.
    func exitStatus(_ body: () throws -> Int32) throws(HostError) -> Int32 {
        do {
            return try body()
        } catch let error as WasmtimeError {
            if case .exit(let status) = error.kind { return status }
            throw HostError(explain(error), isTrap: error.kind != .engine && error.kind != .misuse)
        } catch let error as HostError {
            throw error
        } catch {
            throw HostError("\(error)")
        }
    }

    /// wasi:dl for the guest itself: only with `--trust-dl-policy` (which also gives it the
    /// policy's typed native imports); otherwise a guest importing it is refused.
    private func trustedDL(_ imports: [NamedItem]) throws(HostError) -> DLInterface? {
        guard let file = options.trustedDLPolicy else {
            try DLInterface.refuse(toGuest: imports)
            return nil
        }
        do {
            return DLInterface(policy: try DLPolicy(contentsOfFile: file))
        } catch {
            throw HostError("--trust-dl-policy \(file): \(error)")
        }
    }

    private func call(_ invocation: String, in instance: Instance, exports: [NamedItem]) throws -> Void {
        let (name, argumentTexts) = try hostError { try WAVE.parseInvocation(invocation) }
        let path = try ExportLookup.path(of: name, in: exports)
        guard let function = instance.function(path) else {
            throw HostError("the component exports no function '\(name)'")
        }
        let arguments = try hostError("--invoke \(name)") {
            try WAVE.parseArguments(argumentTexts, types: function.type.parameters)
        }
        if let result = try function.call(arguments) { printResult(WAVE.format(result)) }
    }

    /// A component that serves HTTP (`wasmtime serve`'s kind) rather than being a command: the
    /// C API has wasi:http's client only, nothing that accepts requests and calls the export.
    private func refuseHTTPServer(_ exports: [NamedItem]) throws(HostError) {
        guard !exports.contains(where: { InterfaceName($0.name).unversioned == "wasi:cli/run" }),
              let handler = exports.first(where: { InterfaceName($0.name).unversioned == "wasi:http/incoming-handler" })
        else { return }
        throw HostError("'\(options.componentPath)' is an HTTP server (it exports \(handler.name), which `wasmtime serve` "
            + "runs): the Wasmtime \(Engine.wasmtimeVersion) C API has wasi:http's client only, nothing that serves "
            + "incoming requests, so wasmplug cannot run it; build it as a command (exporting wasi:cli/run)")
    }

    private func runCommand(_ instance: Instance, exports: [NamedItem]) throws -> Int32 {
        // A component exporting wasi:cli/run both at 0.2 and at 0.3 runs through the 0.2 export.
        let runs = exports.filter { InterfaceName($0.name).unversioned == "wasi:cli/run" }
        guard let run = runs.first(where: { InterfaceName($0.name).version?.hasPrefix("0.2.") ?? false }) ?? runs.first,
              let function = instance.function([run.name, "run"])
        else {
            throw HostError(
                "'\(options.componentPath)' is not a command (it exports no wasi:cli/run); "
                    + "call one of its functions with --invoke: \(ExportLookup.listing(exports))")
        }
        let result = try function.call()
        if case .err = result { return 1 }
        return 0
    }

    /// The one-line message for an engine failure, naming the limit that stopped the guest.
    private func explain(_ error: WasmtimeError) -> String {
        switch error.kind {
        case .outOfFuel:
            "the guest ran out of fuel after \(options.fuel ?? 0) units (raise --fuel to allow more)"
        case .interrupted:
            "the guest ran longer than the --timeout of \(options.timeout.map(formatSeconds) ?? "?") and was stopped"
        default:
            error.description
        }
    }
}

/// Runs `body`, turning any error into a ``HostError`` with `context` in front.
func hostError<T>(_ context: String? = nil, _ body: () throws -> T) throws(HostError) -> T {
    do {
        return try body()
    } catch let error as HostError {
        throw error
    } catch {
        throw HostError(context.map { "\($0): \(error)" } ?? "\(error)")
    }
}

func formatSeconds(_ seconds: Double) -> String {
    if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
    return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
}
