import WasmPlugBytes
import WasmPlugEngine

/// Encodes component-model values in wRPC's wire format, which is the component model's value
/// definition encoding (`Binary.md`, "Value Definitions"), as wRPC's `SPEC.md` prescribes:
///
/// - bool, option and result discriminants: one byte, 0 or 1 (result: 0 is `ok`, 1 is `err`);
/// - u8 and s8: one raw byte (two's complement for s8), *not* LEB128;
/// - u16…u64: unsigned LEB128; s16…s64: signed LEB128;
/// - f32, f64: IEEE 754 little-endian, every NaN written as the canonical NaN;
/// - char: the scalar's UTF-8 bytes (1–4);
/// - string: LEB128 `u32` byte length, then UTF-8; list: LEB128 `u32` count, then the elements;
/// - record, tuple: the fields in order; variant, enum: LEB128 `u32` case index, then any payload;
/// - flags: `ceil(n/8)` bytes, flag `i` in bit `i % 8` of byte `i / 8`.
///
/// Resources, futures, streams and error contexts are not carried: wRPC gives them their own
/// forms (resources as `list<u8>` handles, futures and streams possibly sent on other channels)
/// that need a transport, so encoding one is an error. So are empty records, tuples, flags,
/// variants and enums, which `Binary.md` does not allow.
public enum WRPCEncoder {
    /// Appends `value`'s encoding as `type` to `buffer`; throws, appending nothing, when the value
    /// does not have that type or the type is not supported.
    public static func encode(_ value: Value, as type: ValueType, into buffer: inout [UInt8]) throws(WRPCError) {
        let start = buffer.count
        do {
            try encode(value, as: type, appendingTo: &buffer)
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
    }

    /// Appends `value`'s encoding as `type` to `sink`; on a throw, `sink` may hold part of it.
    public static func encode(_ value: Value, as type: ValueType, appendingTo sink: inout some ByteSink) throws(WRPCError) {
        if let part = type.unsupportedPart {
            throw WRPCError(.unsupportedType, "\(part) in \(type) cannot be encoded")
        }
        do {
            try value.check(against: type, path: "value")
        } catch {
            throw WRPCError(.typeMismatch, error.message)
        }
        try append(value, type, to: &sink)
    }

    private static func append(_ value: Value, _ type: ValueType, to out: inout some ByteSink) throws(WRPCError) {
        switch (value, type) {
        case (.bool(let v), .bool): out.append(v ? 1 : 0)
        case (.u8(let v), .u8): out.append(v)
        case (.s8(let v), .s8): out.append(UInt8(bitPattern: v))
        case (.u16(let v), .u16): LEB128.appendUnsigned(UInt64(v), to: &out)
        case (.u32(let v), .u32): LEB128.appendUnsigned(UInt64(v), to: &out)
        case (.u64(let v), .u64): LEB128.appendUnsigned(v, to: &out)
        case (.s16(let v), .s16): LEB128.appendSigned(Int64(v), to: &out)
        case (.s32(let v), .s32): LEB128.appendSigned(Int64(v), to: &out)
        case (.s64(let v), .s64): LEB128.appendSigned(v, to: &out)
        case (.f32(let v), .f32): appendLittleEndian(v.isNaN ? UInt32(0x7FC0_0000) : v.bitPattern, to: &out)
        case (.f64(let v), .f64): appendLittleEndian(v.isNaN ? UInt64(0x7FF8_0000_0000_0000) : v.bitPattern, to: &out)
        case (.char(let v), .char):
            var utf8 = String(Character(v))
            utf8.withUTF8 { out.append(contentsOf: UnsafeRawBufferPointer($0)) }
        case (.string(let v), .string):
            try appendLength(v.utf8.count, "string", to: &out)
            out.append(utf8: v)
        case (.list(let values), .list(let element)):
            try appendLength(values.count, "list", to: &out)
            for v in values { try append(v, element, to: &out) }
        case (.record(let fields), .record(let types)):
            for (field, fieldType) in zip(fields, types) { try append(field.value, fieldType.type, to: &out) }
        case (.tuple(let values), .tuple(let types)):
            for (v, t) in zip(values, types) { try append(v, t, to: &out) }
        case (.variant(let name, let payload), .variant(let cases)):
            guard let index = cases.firstIndex(where: { $0.name == name }) else { throw mismatch(value, type) }
            LEB128.appendUnsigned(UInt64(index), to: &out)
            if let payload, let payloadType = cases[index].payload { try append(payload, payloadType, to: &out) }
        case (.enumCase(let name), .enumeration(let names)):
            guard let index = names.firstIndex(of: name) else { throw mismatch(value, type) }
            LEB128.appendUnsigned(UInt64(index), to: &out)
        case (.option(let payload), .option(let inner)):
            out.append(payload == nil ? 0 : 1)
            if let payload { try append(payload, inner, to: &out) }
        case (.ok(let payload), .result(let ok, _)):
            out.append(0)
            if let payload, let ok { try append(payload, ok, to: &out) }
        case (.err(let payload), .result(_, let err)):
            out.append(1)
            if let payload, let err { try append(payload, err, to: &out) }
        case (.flags(let set), .flags(let names)):
            var bits = [UInt8](repeating: 0, count: (names.count + 7) / 8)
            for (index, name) in names.enumerated() where set.contains(name) {
                bits[index / 8] |= 1 << (index % 8)
            }
            bits.withUnsafeBytes { out.append(contentsOf: $0) }
        default:
            throw mismatch(value, type)
        }
    }

    /// Appends the encoding of a string whose UTF-8 is `utf8` (valid UTF-8, which is not checked
    /// here) to `segments`, referencing the bytes when they are large
    /// (``WRPCSegments/append(borrowing:)``): they must stay valid until the segments are written.
    public static func encodeString(utf8: UnsafeRawBufferPointer, appendingTo segments: inout WRPCSegments) throws(WRPCError) {
        try appendLength(utf8.count, "string", to: &segments)
        segments.append(borrowing: utf8)
    }

    private static func mismatch(_ value: Value, _ type: ValueType) -> WRPCError {
        WRPCError(.typeMismatch, "value \(value) does not have type \(type)")
    }

    private static func appendLength(_ count: Int, _ what: String, to out: inout some ByteSink) throws(WRPCError) {
        guard let length = UInt32(exactly: count) else {
            throw WRPCError(.lengthTooLarge, "\(what) length \(count) does not fit in u32")
        }
        LEB128.appendUnsigned(UInt64(length), to: &out)
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ bits: T, to out: inout some ByteSink) {
        withUnsafeBytes(of: bits.littleEndian) { out.append(contentsOf: $0) }
    }
}
