import Foundation
import WasmPlugEngine
import WasmPlugProvider

/// Reads a component or core module file and compiles it, through the cache when there is one.
public enum GuestLoader {
    /// The file's bytes, or an error naming the file and what is wrong with it.
    public static func read(_ path: String) throws(HostError) -> [UInt8] {
        let handle = try open(path)
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { throw HostError("cannot read '\(path)': permission denied or unreadable") }
        return [UInt8](data)
    }

    /// What the file's first bytes say it is, read without reading the rest.
    public static func kind(of path: String) throws(HostError) -> WasmBinaryKind {
        let handle = try open(path)
        defer { try? handle.close() }
        guard let prefix = try? handle.read(upToCount: 8) else { throw HostError("cannot read '\(path)': permission denied or unreadable") }
        return WasmBinaryKind([UInt8](prefix))
    }

    private static func open(_ path: String) throws(HostError) -> FileHandle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw HostError("cannot read '\(path)': no such file")
        }
        guard !isDirectory.boolValue else { throw HostError("cannot read '\(path)': it is a directory, not a component") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HostError("cannot read '\(path)': permission denied or unreadable")
        }
        return handle
    }

    /// The compiled component in `path`, and whether the cache supplied it.
    public static func load(
        _ path: String, engine: Engine, cache: ComponentCache?
    ) throws(HostError) -> (Component, ComponentCache.Outcome) {
        try compile(Component.self, path, engine: engine, cache: cache)
    }

    /// The file at `path` compiled as a component or a core module, through the cache when
    /// there is one, and whether the cache supplied it. On a hit the file is only hashed, a
    /// chunk at a time: the process never holds it whole.
    public static func compile<Artifact: CompiledArtifact>(
        _ kind: Artifact.Type, _ path: String, engine: Engine, cache: ComponentCache?
    ) throws(HostError) -> (Artifact, ComponentCache.Outcome) {
        do {
            if let cache, let identifier = ContentHash.identifier(ofFileAt: path) {
                return try cache.compiled(Artifact.self, identifier: identifier, engine: engine) { try read(path) }
            }
            return (try Artifact(engine: engine, bytes: try read(path)), .compiled)
        } catch let error as HostError {
            throw error
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
        switch try kind(of: path) {
        case .coreModule:
            return .module(try compile(Module.self, path, engine: engine, cache: cache).0)
        case .precompiled:
            guard allowPrecompiled else {
                throw HostError("'\(path)' is precompiled machine code (from `wasmplug compile`), which runs as it is: "
                    + "pass --allow-precompiled if you trust where it came from")
            }
            return try precompiled(path, engine: engine)
        default:
            return .component(try compile(Component.self, path, engine: engine, cache: cache).0)
        }
    }

    /// Maps a precompiled component or core module; Wasmtime refuses one made by another
    /// engine version or configuration.
    private static func precompiled(_ path: String, engine: Engine) throws(HostError) -> Artifact {
        let component: WasmtimeError
        do throws(WasmtimeError) {
            return .component(try Component(engine: engine, trustedSerializedFile: path))
        } catch { component = error }
        do throws(WasmtimeError) {
            return .module(try Module(engine: engine, trustedSerializedFile: path))
        } catch {
            throw HostError("'\(path)': cannot load it (as a component: \(component); as a module: \(error)): "
                + "compile it again with `wasmplug compile` for this wasmplug, with the same -W options (fuel and "
                + "timeout change the compiled code)")
        }
    }
}
