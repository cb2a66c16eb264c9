import Foundation
import WasmPlugEngine
import WasmPlugProvider

/// Reads a component or core module file and compiles it, through the cache when there is one.
public enum GuestLoader {
    /// The file's bytes, or an error naming the file and what is wrong with it.
    public static func read(_ path: String) throws(HostError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw HostError("cannot read '\(path)': no such file")
        }
        guard !isDirectory.boolValue else { throw HostError("cannot read '\(path)': it is a directory, not a component") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HostError("cannot read '\(path)': permission denied or unreadable")
        }
        return [UInt8](data)
    }

    /// The compiled component in `path`, and whether the cache supplied it.
    public static func load(
        _ path: String, engine: Engine, cache: ComponentCache?
    ) throws(HostError) -> (Component, ComponentCache.Outcome) {
        try compile(Component.self, try read(path), from: path, engine: engine, cache: cache)
    }

    /// `bytes`, read from `path`, compiled as a component or a core module through the cache
    /// when there is one, and whether the cache supplied it.
    public static func compile<Artifact: CompiledArtifact>(
        _ kind: Artifact.Type, _ bytes: [UInt8], from path: String, engine: Engine, cache: ComponentCache?
    ) throws(HostError) -> (Artifact, ComponentCache.Outcome) {
        do {
            if let cache { return try cache.compiled(Artifact.self, for: bytes, engine: engine) }
            return (try Artifact(engine: engine, bytes: bytes), .compiled)
        } catch {
            throw HostError("'\(path)': \(error)")
        }
    }

    /// What a guest file holds, compiled: a component or a core module.
    public enum Artifact {
        case component(Component)
        case module(Module)
    }

    /// The component or core module in `path`: compiled (through `cache`), or loaded as it is
    /// when the file is a precompiled artifact and `allowPrecompiled` says the user trusts it.
    public static func artifact(_ path: String, engine: Engine, cache: ComponentCache?,
                                allowPrecompiled: Bool) throws(HostError) -> Artifact {
        let bytes = try read(path)
        switch WasmBinaryKind(bytes) {
        case .coreModule:
            return .module(try compile(Module.self, bytes, from: path, engine: engine, cache: cache).0)
        case .precompiled:
            guard allowPrecompiled else {
                throw HostError("'\(path)' is precompiled machine code (from `wasmplug compile`), which runs as it is: "
                    + "pass --allow-precompiled if you trust where it came from")
            }
            return try precompiled(bytes, from: path, engine: engine)
        default:
            return .component(try compile(Component.self, bytes, from: path, engine: engine, cache: cache).0)
        }
    }

    /// Loads a precompiled component or core module; Wasmtime refuses one made by another
    /// engine version or configuration.
    private static func precompiled(_ bytes: [UInt8], from path: String, engine: Engine) throws(HostError) -> Artifact {
        let attempt = bytes.withUnsafeBytes { buffer -> Result<Artifact, HostError> in
            let component: WasmtimeError
            do throws(WasmtimeError) {
                return .success(.component(try Component(engine: engine, trustedSerializedBytes: buffer)))
            } catch { component = error }
            do throws(WasmtimeError) {
                return .success(.module(try Module(engine: engine, trustedSerializedBytes: buffer)))
            } catch {
                return .failure(HostError("'\(path)': cannot load it (as a component: \(component); as a module: \(error)): "
                    + "compile it again with `wasmplug compile` for this wasmplug, with the same -W options (fuel and "
                    + "timeout change the compiled code)"))
            }
        }
        return try attempt.get()
    }
}
