#if canImport(Glibc)
import Glibc
#endif

/// XXH64, a fast non-cryptographic 64-bit hash, for cache keys and artifact checksums.
///
/// Fast enough to hash an 18 MB component on every start. Not a defence against someone
/// who can write the cache directory; it detects corruption and identifies content.
public enum ContentHash {
    fileprivate static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    fileprivate static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    fileprivate static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    fileprivate static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    fileprivate static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The XXH64 digest of `bytes` with `seed`.
    public static func xxh64(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var hasher = XXH64(seed: seed)
        hasher.update(bytes)
        return hasher.digest()
    }

    /// A 128-bit content identifier as 32 hex digits (two XXH64 digests with different seeds).
    public static func identifier(of bytes: UnsafeRawBufferPointer) -> String {
        hex(xxh64(bytes, seed: 0)) + hex(xxh64(bytes, seed: prime1))
    }

    /// ``identifier(of:)`` of the file at `path`, read a chunk at a time so that the process
    /// never holds the whole file; nil when it cannot be read.
    public static func identifier(ofFileAt path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var first = XXH64(seed: 0), second = XXH64(seed: prime1)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 32)
        defer { chunk.deallocate() }
        while true {
            let count = read(descriptor, chunk.baseAddress, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            let filled = UnsafeRawBufferPointer(rebasing: chunk[..<count])
            first.update(filled)
            second.update(filled)
        }
        return hex(first.digest()) + hex(second.digest())
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    fileprivate static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    fileprivate static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }
}

/// XXH64 over bytes given in pieces: the digest equals that of the pieces joined.
struct XXH64 {
    private typealias H = ContentHash
    private let seed: UInt64
    private var lanes: (UInt64, UInt64, UInt64, UInt64)
    private var length: UInt64 = 0
    /// Bytes not yet folded into the lanes: fewer than 32.
    private var pending: [UInt8] = []

    init(seed: UInt64) {
        self.seed = seed
        lanes = (seed &+ H.prime1 &+ H.prime2, seed &+ H.prime2, seed, seed &- H.prime1)
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let taken = min(32 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[..<taken])
            offset = taken
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { fold($0, at: 0) }
            pending.removeAll(keepingCapacity: true)
        }
        while offset + 32 <= bytes.count {
            fold(bytes, at: offset)
            offset += 32
        }
        pending.append(contentsOf: bytes[offset...])
    }

    private mutating func fold(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        lanes.0 = H.round(lanes.0, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian)
        lanes.1 = H.round(lanes.1, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self).littleEndian)
        lanes.2 = H.round(lanes.2, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self).littleEndian)
        lanes.3 = H.round(lanes.3, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self).littleEndian)
    }

    func digest() -> UInt64 {
        var hash: UInt64
        if length >= 32 {
            let (v1, v2, v3, v4) = lanes
            hash = H.rotate(v1, 1) &+ H.rotate(v2, 7) &+ H.rotate(v3, 12) &+ H.rotate(v4, 18)
            for lane in [v1, v2, v3, v4] { hash = (hash ^ H.round(0, lane)) &* H.prime1 &+ H.prime4 }
        } else {
            hash = seed &+ H.prime5
        }
        hash &+= length
        pending.withUnsafeBytes { tail in
            var offset = 0
            while offset + 8 <= tail.count {
                hash ^= H.round(0, tail.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian)
                hash = H.rotate(hash, 27) &* H.prime1 &+ H.prime4
                offset += 8
            }
            if offset + 4 <= tail.count {
                hash ^= UInt64(tail.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian) &* H.prime1
                hash = H.rotate(hash, 23) &* H.prime2 &+ H.prime3
                offset += 4
            }
            while offset < tail.count {
                hash ^= UInt64(tail[offset]) &* H.prime5
                hash = H.rotate(hash, 11) &* H.prime1
                offset += 1
            }
        }
        hash ^= hash >> 33
        hash &*= H.prime2
        hash ^= hash >> 29
        hash &*= H.prime3
        hash ^= hash >> 32
        return hash
    }
}
