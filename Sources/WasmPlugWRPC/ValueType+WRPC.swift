import WasmPlugEngine

extension ValueType {
    /// The first part of this type that the codec does not carry, or `nil` when the whole type is
    /// supported. Not carried: resources, futures, streams, error contexts, and the empty records,
    /// tuples, flags, variants and enums that `Binary.md` forbids (so every supported type encodes
    /// to at least one byte, which bounds a list's count by the input's length).
    var unsupportedPart: ValueType? {
        switch self {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string:
            nil
        case .own, .borrow, .future, .stream, .errorContext:
            self
        case .record([]), .tuple([]), .flags([]), .variant([]), .enumeration([]):
            self
        case .enumeration, .flags:
            nil
        case .list(let element), .option(let element):
            element.unsupportedPart
        case .record(let fields):
            fields.lazy.compactMap(\.type.unsupportedPart).first
        case .tuple(let types):
            types.lazy.compactMap(\.unsupportedPart).first
        case .variant(let cases):
            cases.lazy.compactMap { $0.payload?.unsupportedPart }.first
        case .result(let ok, let err):
            ok?.unsupportedPart ?? err?.unsupportedPart
        }
    }

    /// The fewest bytes any value of this type encodes to (at least 1 for supported types); a
    /// list's claimed count times this must fit in the remaining input.
    var minimumEncodedSize: Int {
        switch self {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .char, .string, .list, .enumeration,
             .variant, .option, .result, .own, .borrow, .future, .stream, .errorContext:
            1
        case .f32: 4
        case .f64: 8
        case .flags(let names): (names.count + 7) / 8
        case .record(let fields): fields.reduce(0) { $0 + $1.type.minimumEncodedSize }
        case .tuple(let types): types.reduce(0) { $0 + $1.minimumEncodedSize }
        }
    }
}
