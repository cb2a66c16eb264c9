import WasmPlugBytes

/// An encoding kept in parts: bytes, and the large strings it holds, referenced rather than
/// copied, so that a 1 MiB string parameter goes from the guest's value to the socket without
/// a copy of its own.
///
/// Not `Sendable`: a ``Part/borrowed(_:)`` part points into memory that is only valid while
/// the call that made it runs, so segments are written where they were made.
public struct WRPCSegments: ByteSink {
    public enum Part {
        case bytes([UInt8])
        case string(String)
        /// Bytes the encoding does not own (a string in the engine's memory), valid until the
        /// code that appended them returns.
        case borrowed(UnsafeRawBufferPointer)
    }

    /// Strings at least this long are kept as they are.
    public static let referencedStringSize = 64 << 10

    public private(set) var parts: [Part] = []
    /// The encoding's length in bytes.
    public private(set) var count = 0

    public init() {}

    /// The encoding of `bytes`, in one part.
    public init(_ bytes: [UInt8]) {
        append(contentsOf: bytes)
    }

    public mutating func append(_ byte: UInt8) {
        withLastBytes { $0.append(byte) }
        count += 1
    }

    public mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        withLastBytes { $0.append(contentsOf: bytes) }
        count += bytes.count
    }

    public mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBytes { append(contentsOf: $0) }
    }

    public mutating func append(utf8 string: String) {
        let length = string.utf8.count
        guard length >= Self.referencedStringSize else {
            var string = string
            return string.withUTF8 { append(contentsOf: UnsafeRawBufferPointer($0)) }
        }
        parts.append(.string(string))
        count += length
    }

    /// Appends bytes that stay valid, unchanged, until these segments are written: large ones
    /// are referenced, small ones copied.
    public mutating func append(borrowing bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= Self.referencedStringSize else { return append(contentsOf: bytes) }
        parts.append(.borrowed(bytes))
        count += bytes.count
    }

    /// The whole encoding in one array.
    public var joined: [UInt8] {
        if parts.count == 1, case .bytes(let bytes) = parts[0] { return bytes }
        return flattened()
    }

    private func flattened() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for part in parts {
            switch part {
            case .bytes(let part): bytes += part
            case .string(var string): string.withUTF8 { bytes.append(contentsOf: $0) }
            case .borrowed(let part): bytes.append(contentsOf: part)
            }
        }
        return bytes
    }

    private mutating func withLastBytes(_ body: (inout [UInt8]) -> Void) {
        if case .bytes(var last)? = parts.last {
            parts[parts.count - 1] = .bytes([])  // the array is unshared while it grows
            body(&last)
            parts[parts.count - 1] = .bytes(last)
        } else {
            var bytes: [UInt8] = []
            body(&bytes)
            parts.append(.bytes(bytes))
        }
    }
}
