import Foundation
import WasmPlugEngine
#if canImport(Glibc)
import Glibc
#endif

/// Compiled components and core modules on disk, so that a second start skips compilation.
///
/// An entry's name is the guest's content identifier plus the engine's version and
/// configuration, and the entry holds exactly what Wasmtime serialized, so that a hit is mapped
/// by Wasmtime (`deserialize_file`), never read or copied. Because Wasmtime runs an entry as
/// machine code, each entry has a seal beside it (`.seal`): its length and a checksum of its
/// first and last 64 KiB, where Wasmtime's ELF headers and section table are. An entry is
/// written after its seal, as an ``ArtifactFile``, so a reader sees a whole entry or none; one whose seal is missing or does not match (truncated, replaced,
/// damaged at either end) is deleted and rebuilt, never loaded, and Wasmtime itself refuses an
/// entry of another engine version or configuration. What the seal does not cover is a change
/// in the middle of an entry by someone who can write the cache directory.
public struct ComponentCache: Sendable {
    public let directory: URL
    private static let sealMagic = Array("WPLUGS01".utf8)
    private static let sealSize = 24
    /// How much of each end of an entry its seal checks.
    private static let sampledBytes = 64 << 10

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
        entryURL(identifier: bytes.withUnsafeBytes { ContentHash.identifier(of: $0) }, engine: engine)
    }

    /// The file holding the guest with content `identifier` (``ContentHash``) compiled for `engine`.
    public func entryURL(identifier: String, engine: Engine) -> URL {
        let flavour = "\(Engine.wasmtimeVersion)-\(engine.configuration.cacheKey)".utf8
        let engineID = ContentHash.hex(Array(flavour).withUnsafeBytes { ContentHash.xxh64($0) })
        return directory.appendingPathComponent("\(identifier)-\(engineID).cwasm")
    }

    /// Loads the component `bytes` compiled from the cache, or compiles and stores it.
    public func component(for bytes: [UInt8], engine: Engine) throws -> (Component, Outcome) {
        try compiled(Component.self, identifier: bytes.withUnsafeBytes { ContentHash.identifier(of: $0) },
                     engine: engine) { bytes }
    }

    /// Loads the guest with content `identifier` compiled (a component or a core module) from
    /// the cache, or compiles the bytes `source` gives (called only then) and stores them. A
    /// cache that cannot be written is not an error: the guest still runs.
    public func compiled<Artifact: CompiledArtifact>(
        _ kind: Artifact.Type, identifier: String, engine: Engine, source: () throws -> [UInt8]
    ) throws -> (Artifact, Outcome) {
        let url = entryURL(identifier: identifier, engine: engine)
        var outcome = Outcome.compiled
        if FileManager.default.fileExists(atPath: url.path) {
            if Self.sealMatches(url), let artifact = try? Artifact(engine: engine, trustedSerializedFile: url.path) {
                return (artifact, .hit)
            }
            try? FileManager.default.removeItem(at: url)
            outcome = .rebuiltCorruptEntry
        }
        let artifact = try Artifact(engine: engine, bytes: try source())
        try? store(artifact.serialize(), at: url)
        return (artifact, outcome)
    }

    private static func sealURL(_ entry: URL) -> URL {
        entry.appendingPathExtension("seal")
    }

    /// The seal of an entry: magic, length, and the checksum of its sampled ends.
    private static func seal(length: Int, head: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = XXH64(seed: UInt64(length))
        hasher.update(head)
        hasher.update(tail)
        var seal = sealMagic
        withUnsafeBytes(of: UInt64(length).littleEndian) { seal.append(contentsOf: $0) }
        withUnsafeBytes(of: hasher.digest().littleEndian) { seal.append(contentsOf: $0) }
        return seal
    }

    /// Whether the entry's length and ends match its seal; reads at most twice ``sampledBytes``.
    private static func sealMatches(_ entry: URL) -> Bool {
        guard let expected = FileManager.default.contents(atPath: sealURL(entry).path), expected.count == sealSize else {
            return false
        }
        let descriptor = open(entry.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return false }
        let length = Int(status.st_size), sampled = min(sampledBytes, length)
        var head = [UInt8](repeating: 0, count: sampled), tail = head
        let read = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, sampled, 0) } == sampled
            && tail.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, sampled, off_t(length - sampled)) } == sampled
        guard read else { return false }
        let actual = head.withUnsafeBytes { head in tail.withUnsafeBytes { seal(length: length, head: head, tail: $0) } }
        return actual.elementsEqual(expected)
    }

    private func store(_ payload: [UInt8], at url: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sampled = min(Self.sampledBytes, payload.count)
        let seal = payload.withUnsafeBytes { bytes in
            Self.seal(length: payload.count, head: UnsafeRawBufferPointer(rebasing: bytes.prefix(sampled)),
                      tail: UnsafeRawBufferPointer(rebasing: bytes.suffix(sampled)))
        }
        // The seal first: a reader that finds the entry also finds its seal.
        try Data(seal).write(to: Self.sealURL(url), options: .atomic)
        guard ArtifactFile.write(payload, to: url) else { throw CocoaError(.fileWriteUnknown) }
    }
}
