import Foundation
import WasmPlugEngine

/// Compiled components and core modules on disk, so that a second start skips compilation.
///
/// An entry's name is the component's content identifier plus the engine's version and
/// configuration. Each file starts with a header holding the payload's length and checksum;
/// an entry whose header or checksum does not match is deleted and rebuilt, never loaded,
/// because Wasmtime trusts compiled artifacts as machine code.
public struct ComponentCache: Sendable {
    public let directory: URL
    private static let magic = Array("WPLUGC01".utf8)
    private static let headerSize = 24

    public init(directory: URL) {
        self.directory = directory
    }

    /// `$WASMPLUG_CACHE_DIR`, else `$XDG_CACHE_HOME/wasmplug`, else `~/.cache/wasmplug`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let explicit = environment["WASMPLUG_CACHE_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, isDirectory: true)
        }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("wasmplug")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/wasmplug")
    }

    /// How a component was obtained.
    public enum Outcome: Equatable, Sendable {
        case hit
        case compiled
        case rebuiltCorruptEntry
    }

    /// The file holding `bytes` compiled for `engine`.
    public func entryURL(for bytes: [UInt8], engine: Engine) -> URL {
        let id = bytes.withUnsafeBytes { ContentHash.identifier(of: $0) }
        let flavour = "\(Engine.wasmtimeVersion)-\(engine.configuration.cacheKey)".utf8
        let engineID = ContentHash.hex(Array(flavour).withUnsafeBytes { ContentHash.xxh64($0) })
        return directory.appendingPathComponent("\(id)-\(engineID).cwasm")
    }

    /// Loads the component `bytes` compiled from the cache, or compiles and stores it.
    public func component(for bytes: [UInt8], engine: Engine) throws -> (Component, Outcome) {
        try compiled(Component.self, for: bytes, engine: engine)
    }

    /// Loads `bytes` compiled (a component or a core module) from the cache, or compiles and
    /// stores them. A cache that cannot be written is not an error: the guest still runs.
    public func compiled<Artifact: CompiledArtifact>(
        _ kind: Artifact.Type, for bytes: [UInt8], engine: Engine
    ) throws -> (Artifact, Outcome) {
        let url = entryURL(for: bytes, engine: engine)
        var outcome = Outcome.compiled
        if let data = try? Data(contentsOf: url, options: .alwaysMapped) {
            if let artifact = Self.load(Artifact.self, data, engine: engine) { return (artifact, .hit) }
            try? FileManager.default.removeItem(at: url)
            outcome = .rebuiltCorruptEntry
        }
        let artifact = try Artifact(engine: engine, bytes: bytes)
        try? store(artifact.serialize(), at: url)
        return (artifact, outcome)
    }

    private static func load<Artifact: CompiledArtifact>(_ kind: Artifact.Type, _ data: Data, engine: Engine) -> Artifact? {
        data.withUnsafeBytes { (file: UnsafeRawBufferPointer) -> Artifact? in
            guard file.count >= headerSize, file.prefix(8).elementsEqual(magic) else { return nil }
            let length = file.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
            let checksum = file.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian
            guard length == UInt64(file.count - headerSize) else { return nil }
            let payload = UnsafeRawBufferPointer(rebasing: file[headerSize...])
            guard ContentHash.xxh64(payload) == checksum else { return nil }
            // An artifact from another Wasmtime build is refused by Wasmtime itself.
            return try? Artifact(engine: engine, trustedSerializedBytes: payload)
        }
    }

    private func store(_ payload: [UInt8], at url: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var file = Self.magic
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { file.append(contentsOf: $0) }
        withUnsafeBytes(of: payload.withUnsafeBytes { ContentHash.xxh64($0) }.littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: payload)
        try Data(file).write(to: url, options: .atomic)
    }
}
