/// The fuzzer's bytes as a source of decisions: every read is total, so a fuzz target never
/// fails for lack of input (an exhausted input reads as zeros).
public struct FuzzInput {
    public let bytes: [UInt8]
    public private(set) var offset = 0

    /// Copies libFuzzer's buffer.
    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Reads `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Bytes not read yet.
    public var remaining: Int { bytes.count - offset }
    /// Whether every byte was read (later reads give zeros).
    public var isExhausted: Bool { remaining == 0 }

    /// The next byte, or 0 at the end.
    public mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A number in `0..<bound` (`bound` must be positive and at most 256).
    public mutating func int(below bound: Int) -> Int {
        Int(byte()) % bound
    }

    /// A coin flip (the low bit of the next byte).
    public mutating func bool() -> Bool { byte() & 1 == 1 }

    /// `width` bytes, little-endian (missing bytes read as zero).
    public mutating func bits(_ width: Int) -> UInt64 {
        (0..<width).reduce(0) { value, index in value | UInt64(byte()) << (8 * UInt64(index)) }
    }

    /// Up to `count` bytes.
    public mutating func take(_ count: Int) -> [UInt8] {
        let end = offset + min(max(count, 0), remaining)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }

    /// Everything not read yet.
    public mutating func rest() -> [UInt8] { take(remaining) }
}
