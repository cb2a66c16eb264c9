import WasmPlugEngine

/// Component-model types built from fuzzer bytes: every kind the value codecs know, nested up
/// to a small depth, with names from a short pool of valid WIT identifiers.
extension FuzzInput {
    /// The names records, variants, enums and flags draw on; all distinct, none a WAVE keyword.
    static let names = ["a", "b", "x-y", "zed", "long-name", "q1", "v", "w-2", "name", "last"]

    /// A type nested at most `depth` levels deep.
    public mutating func valueType(depth: Int = 3) -> ValueType {
        let scalars: [ValueType] = [.bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string]
        let choice = int(below: depth > 0 ? 32 : scalars.count)
        if choice < scalars.count { return scalars[choice] }
        switch choice - scalars.count {
        case 0, 1: return .list(valueType(depth: depth - 1))
        case 2, 3: return .record(distinctNames(minimum: 0).map { ValueType.Field($0, valueType(depth: depth - 1)) })
        case 4, 5: return .tuple((0..<int(below: 4)).map { _ in valueType(depth: depth - 1) })
        case 6, 7: return .variant(distinctNames(minimum: 0).map { ValueType.Case($0, bool() ? valueType(depth: depth - 1) : nil) })
        case 8: return .enumeration(distinctNames(minimum: 0))
        case 9, 10: return .option(valueType(depth: depth - 1))
        case 11, 12:
            return .result(ok: bool() ? valueType(depth: depth - 1) : nil, err: bool() ? valueType(depth: depth - 1) : nil)
        case 13, 14:
            // Past 8 flags the encoding takes more than one byte.
            return .flags((0..<int(below: 12)).map { "f\($0)" })
        case 15: return .future(nil)
        case 16: return .stream(bool() ? .u8 : nil)
        case 17: return .errorContext
        default: return .list(.u8)
        }
    }

    /// 0 to 4 distinct names (`minimum` at least), in pool order after a random start.
    mutating func distinctNames(minimum: Int) -> [String] {
        let count = max(minimum, int(below: 5))
        let start = int(below: Self.names.count)
        return (0..<count).map { Self.names[(start + $0) % Self.names.count] }
    }
}
