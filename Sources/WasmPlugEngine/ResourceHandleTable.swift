/// Resources of one store handed to another process as opaque bytes: 16 random bytes per
/// resource, so a peer cannot guess a handle it was not given. `Held` is what the table keeps
/// for each handle: the resource, or the store's hold on it. Not thread-safe: use it under the
/// same lock as its store.
///
/// Real wRPC clients never say when they are done with a resource, so the table also frees
/// handles by its ``ResourceHandleRules``: at most `limit` live handles (handing out one more frees the least
/// recently used) and none unused for longer than `idleTimeout`. Its owner drops what was freed
/// in its store (``takeFreed()``); a later use of a freed handle fails with ``unknownHandle``.
public final class ResourceHandleTable<Held> {
    private struct Entry {
        let held: Held
        var lastUsed: ContinuousClock.Instant
    }

    public let rules: ResourceHandleRules
    private var entries: [[UInt8]: Entry] = [:]
    private var freed: [Held] = []
    /// Idle handles are looked for at most this often, so a call costs no scan of the table.
    private var nextSweep: ContinuousClock.Instant

    public init(rules: ResourceHandleRules = .standard) {
        self.rules = rules
        nextSweep = .now + rules.idleTimeout / 8
    }

    /// How many handles are live.
    public var count: Int { entries.count }

    /// The one-line reason a handle names nothing, with what to do.
    public var unknownHandle: String {
        "unknown resource handle: never handed out, dropped, or freed (unused for \(idleTimeoutText), or the least "
            + "recently used of \(rules.limit) live handles); create the resource again"
    }

    /// The idle timeout as `plugin serve --resource-idle-timeout` writes it: `10m`, `30s`, `200ms`.
    private var idleTimeoutText: String {
        let (seconds, attoseconds) = rules.idleTimeout.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }

    /// `value` (of `type`) with each resource in it replaced by new handle bytes, as `list<u8>`,
    /// that name what `hold` keeps of it.
    public func export<E: Error>(_ value: Value, as type: ValueType,
                                 holding hold: (Resource) throws(E) -> Held) throws(E) -> Value {
        try value.mappingHandles(as: type) { handle, _ throws(E) in
            guard case .resource(let resource) = handle else { return handle }
            var bytes: [UInt8]
            repeat { bytes = (0..<16).map { _ in UInt8.random(in: 0...255) } } while entries[bytes] != nil
            if entries.count >= rules.limit, let oldest = entries.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
                freed.append(entries.removeValue(forKey: oldest)!.held)
            }
            entries[bytes] = Entry(held: try hold(resource), lastUsed: .now)
            return .list(bytes.map(Value.u8))
        }
    }

    /// `value` (of `type`) with each `list<u8>` handle in it replaced by what `use` makes of
    /// the entry it names; throws `unknown()` for bytes that name no entry.
    public func resolve<E: Error>(_ value: Value, as type: ValueType, unknown: () -> E,
                                  _ use: (Held) throws(E) -> Value) throws(E) -> Value {
        try value.mappingHandles(as: type) { bytes, _ throws(E) in
            let key = Self.bytes(bytes)
            guard let held = entries[key]?.held else { throw unknown() }
            entries[key]?.lastUsed = .now
            return try use(held)
        }
    }

    /// Removes the entry `handle` names, for dropping it; `nil` if it names none (unknown, or
    /// already dropped).
    public func remove(_ handle: Value) -> Held? {
        entries.removeValue(forKey: Self.bytes(handle))?.held
    }

    /// Forgets every handle, without freeing anything: for a store that was thrown away.
    public func removeAll() {
        entries = [:]
        freed = []
    }

    /// What the rules freed since the last call (idle handles included), for the owner to drop.
    public func takeFreed() -> [Held] {
        let now = ContinuousClock.now
        if now >= nextSweep {
            nextSweep = now + rules.idleTimeout / 8
            for (key, entry) in entries where now - entry.lastUsed > rules.idleTimeout {
                freed.append(entries.removeValue(forKey: key)!.held)
            }
        }
        defer { freed = [] }
        return freed
    }

    private static func bytes(_ value: Value) -> [UInt8] {
        guard case .list(let elements) = value else { return [] }
        return elements.map { if case .u8(let byte) = $0 { byte } else { 0 } }
    }
}

/// When a ``ResourceHandleTable`` frees handles that were never dropped.
public struct ResourceHandleRules: Sendable, Equatable {
    /// The most live handles; handing out one more frees the least recently used.
    public var limit: Int
    /// How long a handle may go unused before it is freed.
    public var idleTimeout: Duration

    public init(limit: Int, idleTimeout: Duration) {
        self.limit = limit
        self.idleTimeout = idleTimeout
    }

    /// 10 000 live handles, 10 minutes unused.
    public static let standard = ResourceHandleRules(limit: 10_000, idleTimeout: .seconds(600))
}
