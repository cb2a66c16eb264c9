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
}
