/// A cursor over untrusted input: every read checks the bytes remaining first.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int

    var remaining: Int { bytes.count - offset }

    mutating func byte(_ what: String) throws(WRPCError) -> UInt8 {
        guard offset < bytes.count else {
            throw WRPCError(.truncated, "input ends inside \(what)", offset: offset)
        }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next `count` bytes, which the caller has already checked against ``remaining``
    /// or which are a fixed, small width.
    mutating func slice(_ count: Int, _ what: String) throws(WRPCError) -> ArraySlice<UInt8> {
        guard count <= remaining else {
            throw WRPCError(.truncated, "input ends inside \(what): needs \(count) bytes, \(remaining) remain", offset: offset)
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// A `u32` length or count, checked against `cap`.
    mutating func length(_ what: String, cap: Int) throws(WRPCError) -> Int {
        let start = offset
        let length = Int(try unsigned(bits: 32, "\(what) length"))
        guard length <= cap else {
            throw WRPCError(.lengthTooLarge, "\(what) length \(length) exceeds the cap of \(cap)", offset: start)
        }
        return length
    }
}
