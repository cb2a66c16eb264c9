import Foundation
import WasmPlugEngine
import WasmPlugProvider

/// Reads a component file and compiles it, through the cache when there is one.
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
        let bytes = try read(path)
        do {
            if let cache { return try cache.component(for: bytes, engine: engine) }
            return (try Component(engine: engine, bytes: bytes), .compiled)
        } catch {
            throw HostError("'\(path)': \(error)")
        }
    }
}
