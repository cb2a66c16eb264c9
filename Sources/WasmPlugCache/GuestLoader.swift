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
}
