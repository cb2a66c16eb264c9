import WasmPlugBytes
import WasmPlugEngine

/// Decodes component-model values from wRPC's wire format (see ``WRPCEncoder`` for the encoding).
///
/// Safe on hostile input: every malformed input throws a ``WRPCError`` naming the problem and its
/// offset. No length read from the input is trusted: a string or list longer than ``maxLength``,
/// or than the remaining input could hold, is refused before anything is allocated for it.
///
/// Decoding is stricter than encoding needs only where the spec is: LEB128 must respect its
/// width, discriminants must be 0 or 1, flag bits beyond the declared flags must be clear.
/// Any NaN bit pattern is accepted for f32/f64 (wRPC's own decoder does the same), though
/// `Binary.md` only admits the canonical one.
public struct WRPCDecoder: Sendable {
    /// The largest string (in bytes) or list (in elements) accepted.
    public var maxLength: Int

    /// A decoder that accepts strings and lists up to `maxLength` (default 64 MiB).
    public init(maxLength: Int = 64 << 20) {
        self.maxLength = maxLength
    }

    /// Decodes one value of `type` from `bytes`, starting at `offset` and advancing it past the
    /// value. On error, `offset` is left where it was.
    public func decode(_ type: ValueType, from bytes: [UInt8], at offset: inout Int) throws(WRPCError) -> Value {
        if let part = type.unsupportedPart {
            throw WRPCError(.unsupportedType, "\(part) in \(type) cannot be decoded", offset: offset)
        }
        guard offset >= 0 && offset <= bytes.count else {
            throw WRPCError(.truncated, "offset is outside the \(bytes.count)-byte input", offset: offset)
        }
        var reader = ByteReader<WRPCError>(bytes, from: offset)
        let value = try read(type, &reader)
        offset = reader.offset
        return value
    }

    private func read(_ type: ValueType, _ r: inout ByteReader<WRPCError>) throws(WRPCError) -> Value {
        switch type {
        case .bool: return .bool(try discriminant("bool", &r))
        case .u8: return .u8(try r.byte("u8"))
        case .s8: return .s8(Int8(bitPattern: try r.byte("s8")))
        case .u16: return .u16(UInt16(try r.unsigned(bits: 16, "u16")))
        case .u32: return .u32(UInt32(try r.unsigned(bits: 32, "u32")))
        case .u64: return .u64(try r.unsigned(bits: 64, "u64"))
        case .s16: return .s16(Int16(try r.signed(bits: 16, "s16")))
        case .s32: return .s32(Int32(try r.signed(bits: 32, "s32")))
        case .s64: return .s64(try r.signed(bits: 64, "s64"))
        case .f32: return .f32(Float(bitPattern: UInt32(try littleEndian(4, "f32", &r))))
        case .f64: return .f64(Double(bitPattern: try littleEndian(8, "f64", &r)))
        case .char: return .char(try char(&r))
        case .string: return .string(try string(&r))
        case .list(let element): return .list(try list(element, &r))
        case .record(let fields):
            var values: [Value.RecordField] = []
            for field in fields { values.append(.init(field.name, try read(field.type, &r))) }
            return .record(values)
        case .tuple(let types):
            var values: [Value] = []
            for type in types { values.append(try read(type, &r)) }
            return .tuple(values)
        case .variant(let cases):
            let index = try caseIndex(count: cases.count, "variant", &r)
            return .variant(cases[index].name, try cases[index].payload.map { (t) throws(WRPCError) in try read(t, &r) })
        case .enumeration(let names):
            return .enumCase(names[try caseIndex(count: names.count, "enum", &r)])
        case .option(let inner):
            return .option(try discriminant("option", &r) ? try read(inner, &r) : nil)
        case .result(let ok, let err):
            if try discriminant("result", &r) {
                return .err(try err.map { (t) throws(WRPCError) in try read(t, &r) })
            }
            return .ok(try ok.map { (t) throws(WRPCError) in try read(t, &r) })
        case .flags(let names): return .flags(try flags(names, &r))
        case .own, .borrow, .future, .stream, .errorContext:
            throw WRPCError(.unsupportedType, "\(type) cannot be decoded", offset: r.offset)
        }
    }

    /// A 0/1 byte: bool, option (1 is `some`), result (1 is `err`).
    private func discriminant(_ what: String, _ r: inout ByteReader<WRPCError>) throws(WRPCError) -> Bool {
        let start = r.offset
        switch try r.byte(what) {
        case 0: return false
        case 1: return true
        case let byte: throw WRPCError(.invalidDiscriminant, "\(what) byte is \(byte), not 0 or 1", offset: start)
        }
    }

    private func caseIndex(count: Int, _ what: String, _ r: inout ByteReader<WRPCError>) throws(WRPCError) -> Int {
        let start = r.offset
        let index = try r.unsigned(bits: 32, "\(what) case index")
        guard index < UInt64(count) else {
            throw WRPCError(.caseOutOfRange, "\(what) case index \(index) is beyond its \(count) cases", offset: start)
        }
        return Int(index)
    }

    private func littleEndian(_ width: Int, _ what: String, _ r: inout ByteReader<WRPCError>) throws(WRPCError) -> UInt64 {
        try r.slice(width, what).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    private func char(_ r: inout ByteReader<WRPCError>) throws(WRPCError) -> Unicode.Scalar {
        let start = r.offset
        let lead = try r.byte("char")
        let width = switch lead {
        case 0x00...0x7F: 1
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 0
        }
        guard width > 0 else {
            throw WRPCError(.invalidChar, "char starts with byte \(lead), which does not begin UTF-8", offset: start)
        }
        r.offset = start
        let bytes = try r.slice(width, "char")
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        guard case .valid(let encoded) = parser.parseScalar(from: &iterator), encoded.count == width else {
            throw WRPCError(.invalidChar, "char bytes are not the UTF-8 of one Unicode scalar value", offset: start)
        }
        return Unicode.UTF8.decode(encoded)
    }

    private func string(_ r: inout ByteReader<WRPCError>) throws(WRPCError) -> String {
        let bytes = try stringBytes(&r)
        if let string = String(validating: bytes, as: UTF8.self) { return string }
        // Invalid: find the first bad scalar, for the error's offset.
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var position = bytes.startIndex  // the slice's indices are offsets in the input
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) { position += encoded.count }
        throw WRPCError(.invalidUTF8, "string is not valid UTF-8", offset: position)
    }

    /// A string's bytes, its length checked and not yet its UTF-8.
    func stringBytes(_ r: inout ByteReader<WRPCError>) throws(WRPCError) -> ArraySlice<UInt8> {
        let start = r.offset
        let length = try r.length("string", cap: maxLength)
        guard length <= r.remaining else {
            throw WRPCError(.lengthTooLarge, "string length \(length) exceeds the \(r.remaining) bytes remaining", offset: start)
        }
        return try r.slice(length, "string")
    }

    private func list(_ element: ValueType, _ r: inout ByteReader<WRPCError>) throws(WRPCError) -> [Value] {
        let start = r.offset
        let count = try r.length("list", cap: maxLength)
        let size = max(1, element.minimumEncodedSize)
        guard count <= r.remaining / size else {
            throw WRPCError(
                .lengthTooLarge,
                "list of \(count) elements of at least \(size) bytes each exceeds the \(r.remaining) bytes remaining",
                offset: start)
        }
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(element, &r)) }
        return values
    }

    private func flags(_ names: [String], _ r: inout ByteReader<WRPCError>) throws(WRPCError) -> [String] {
        let start = r.offset
        let bytes = Array(try r.slice((names.count + 7) / 8, "flags"))
        if let last = bytes.last, names.count % 8 != 0, last >> (names.count % 8) != 0 {
            throw WRPCError(.invalidFlags, "flags set bits beyond the \(names.count) declared flags", offset: start + bytes.count - 1)
        }
        return names.indices.filter { bytes[$0 / 8] & (1 << ($0 % 8)) != 0 }.map { names[$0] }
    }
}
