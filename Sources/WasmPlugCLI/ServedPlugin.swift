import Foundation
import WasmPlugNative
import WasmPlugProvider
import WasmPlugSandbox
import WasmPlugWRPC

/// The PLUGIN argument of `wasmplug plugin serve`: the plugin with its configuration and, with
/// `isolate=sandbox`, the sandbox that confines this process before the library is loaded.
struct ServedPlugin {
    var specification: NativePluginSpecification
    var sandbox: SandboxPolicy?

    init(parsing argument: String) throws(HostError) {
        specification = try NativePluginSpecification(parsing: "plugin=" + argument)
        let key = NativePluginKind.isolationKey
        guard let isolate = specification.configuration.first(where: { $0.key == key }) else { return }
        guard isolate.value == "sandbox" else {
            throw HostError("\(argument): plugin serve takes isolate=sandbox (it already is a process of its own), not isolate=\(isolate.value)")
        }
        guard !specification.path.hasSuffix(".wasm") else {
            throw HostError("\(specification.path): isolate=sandbox confines native plugin libraries; the engine already confines a plugin component")
        }
        var entries = specification.configuration.filter { $0.key != key }.map { (key: $0.key, value: $0.value) }
        sandbox = try SandboxPolicy(taking: &entries, option: argument)
        specification.configuration = entries.map { .init(key: $0.key, value: $0.value) }
    }

    /// Confines this process (while it has one thread) to serve on `address`; without a
    /// sandbox, does nothing.
    func confine(serving address: WRPCAddress) throws(HostError) {
        guard let sandbox else { return }
        var socketDirectory: String?
        switch address {
        case .unix(let path):
            socketDirectory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        case .tcp:
            guard sandbox.hostNetwork else {
                throw HostError("isolate=sandbox: serving on wrpc+tcp needs the host's network; add net=host, or serve on wrpc+unix")
            }
        case .nats:
            throw HostError("isolate=sandbox serves on wrpc+unix or wrpc+tcp, not wrpc+nats (its subscriptions need the functions before the sandbox)")
        }
        try Sandbox.confine(sandbox, library: specification.path, socketDirectory: socketDirectory)
    }
}
