import WasmPlugBytes
import WasmPlugEngine

/// A function's parameters or results travel as one tuple: each value's encoding in order.
extension WRPCEncoder {
    /// Encodes `values` as the tuple `types`; throws when the counts or any type differ.
    public static func encode(_ values: [Value], as types: [ValueType]) throws(WRPCError) -> [UInt8] {
        var bytes: [UInt8] = []
        try encode(values, as: types, appendingTo: &bytes)
        return bytes
    }

    /// Appends the encoding of `values` as the tuple `types` to `sink`; on a throw, `sink` may
    /// hold part of it.
    public static func encode(_ values: [Value], as types: [ValueType], appendingTo sink: inout some ByteSink) throws(WRPCError) {
        guard values.count == types.count else {
            throw WRPCError(.typeMismatch, "\(values.count) values given for \(types.count) types")
        }
        for (value, type) in zip(values, types) { try encode(value, as: type, appendingTo: &sink) }
    }
}

extension WRPCDecoder {
    /// Decodes the tuple `types` from the whole of `bytes`; trailing bytes are an error.
    public func decode(_ types: [ValueType], from bytes: [UInt8]) throws(WRPCError) -> [Value] {
        var offset = 0
        var values: [Value] = []
        values.reserveCapacity(types.count)
        for type in types { values.append(try decode(type, from: bytes, at: &offset)) }
        guard offset == bytes.count else {
            throw WRPCError(.trailingBytes, "\(bytes.count - offset) bytes follow the last value", offset: offset)
        }
        return values
    }

    /// Where the UTF-8 of the tuple `(string)` lies in `bytes`, for a caller that passes it on
    /// without decoding a `String`: the length is checked as ``decode(_:from:)`` checks it, and
    /// trailing bytes are an error, but the bytes are **not** checked to be UTF-8: the caller
    /// must check them before treating them as a string.
    public func stringRange(inStringTuple bytes: [UInt8]) throws(WRPCError) -> Range<Int> {
        var reader = ByteReader<WRPCError>(bytes)
        let range = try stringBytes(&reader).indices
        guard reader.atEnd else {
            throw WRPCError(.trailingBytes, "\(reader.remaining) bytes follow the last value", offset: reader.offset)
        }
        return range
    }
}
