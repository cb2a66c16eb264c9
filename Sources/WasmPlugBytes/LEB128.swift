/// LEB128 integers as the core WebAssembly binary format defines them: at most `ceil(N/7)` bytes
/// for an N-bit integer, and the unused high bits of the last byte must be zero (unsigned) or
/// copies of the sign bit (signed).
public enum LEB128 {
    @inlinable
    public static func appendUnsigned(_ value: UInt64, to buffer: inout some ByteSink) {
        var rest = value
        repeat {
            let low = UInt8(rest & 0x7F)
            rest >>= 7
            buffer.append(rest == 0 ? low : low | 0x80)
        } while rest != 0
    }

    @inlinable
    public static func appendSigned(_ value: Int64, to buffer: inout some ByteSink) {
        var rest = value
        while true {
            let low = UInt8(truncatingIfNeeded: rest) & 0x7F
            rest >>= 7
            // Done once the remaining bits are all copies of the sign bit just written.
            let done = (rest == 0 && low & 0x40 == 0) || (rest == -1 && low & 0x40 != 0)
            buffer.append(done ? low : low | 0x80)
            if done { return }
        }
    }
}

extension ByteReader {
    /// Reads an unsigned LEB128 integer of `bits` width (at most 64); `what` names it in errors.
    @inlinable
    public mutating func unsigned(bits: Int, _ what: String) throws(Failure) -> UInt64 {
        let start = offset
        let maxBytes = (bits + 6) / 7
        var result: UInt64 = 0
        for index in 0..<maxBytes {
            let byte = try self.byte(what)
            let payload = UInt64(byte & 0x7F)
            if index == maxBytes - 1 {
                if byte & 0x80 != 0 { throw .invalidLEB128(what, "LEB128 longer than \(maxBytes) bytes", at: start) }
                let usedBits = bits - 7 * index
                if payload >> usedBits != 0 { throw .invalidLEB128(what, "LEB128 overflows \(bits) bits", at: start) }
            }
            result |= payload << (7 * index)
            if byte & 0x80 == 0 { break }
        }
        return result
    }

    /// Reads a signed LEB128 integer of `bits` width (at most 64); `what` names it in errors.
    @inlinable
    public mutating func signed(bits: Int, _ what: String) throws(Failure) -> Int64 {
        let start = offset
        let maxBytes = (bits + 6) / 7
        var result: Int64 = 0
        var shift = 0
        for index in 0..<maxBytes {
            let byte = try self.byte(what)
            let payload = Int64(byte & 0x7F)
            if index == maxBytes - 1 {
                if byte & 0x80 != 0 { throw .invalidLEB128(what, "LEB128 longer than \(maxBytes) bytes", at: start) }
                // The bits from the value's sign bit upward must be all zeros or all ones.
                let usedBits = bits - 7 * index
                let high = payload >> (usedBits - 1)
                if high != 0 && high != 0x7F >> (usedBits - 1) {
                    throw .invalidLEB128(what, "LEB128 overflows \(bits) bits", at: start)
                }
            }
            result |= payload << shift
            shift += 7
            if byte & 0x80 == 0 {
                if shift < 64 && byte & 0x40 != 0 { result |= -1 << shift }
                break
            }
        }
        return result
    }
}
