/// The errors a ``ByteReader`` raises, in the format of the module that reads: each reader
/// names its input its own way.
public protocol ByteReaderError: Error {
    /// The input ends inside `what` at `offset`: `needed` bytes were asked for (`nil`: one)
    /// and `remaining` are left.
    static func truncated(inside what: String, needed: Int?, remaining: Int, at offset: Int) -> Self
    /// The LEB128 integer `what` that starts at `offset` is malformed: `problem` says how.
    static func invalidLEB128(_ what: String, _ problem: String, at offset: Int) -> Self
}

/// A cursor over untrusted input, up to `end`: every read checks the bytes remaining first.
/// Reads are inlinable, so callers' decoding loops are compiled with them.
public struct ByteReader<Failure: ByteReaderError> {
    public let bytes: [UInt8]
    public var offset: Int
    public let end: Int

    /// Reads `bytes` from `offset` up to `end` (default: the last byte).
    @inlinable
    public init(_ bytes: [UInt8], from offset: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    @inlinable
    public var remaining: Int { end - offset }

    @inlinable
    public var atEnd: Bool { offset >= end }

    /// The next byte; `what` names it in errors.
    @inlinable
    public mutating func byte(_ what: String = "a byte") throws(Failure) -> UInt8 {
        let next = try peek(what)
        offset += 1
        return next
    }

    /// The next byte, left unread.
    @inlinable
    public func peek(_ what: String = "a byte") throws(Failure) -> UInt8 {
        guard offset < end else { throw .truncated(inside: what, needed: nil, remaining: remaining, at: offset) }
        return bytes[offset]
    }

    /// The next `count` bytes.
    @inlinable
    public mutating func slice(_ count: Int, _ what: String) throws(Failure) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw .truncated(inside: what, needed: count, remaining: remaining, at: offset)
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }
}
