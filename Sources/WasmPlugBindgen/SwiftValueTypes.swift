import WasmPlugWIT

/// Swift types for WIT types in server bindings, converting to and from component values
/// (`WITValueConvertible`, from WasmPlugRPCServer).
struct SwiftValueTypes {
    private var typeNames = SwiftTypeNames.wrpc

    /// Gives the named WIT type `type` the Swift name `name`.
    mutating func name(_ type: WITType, _ name: String) {
        typeNames.name(type, name)
    }

    /// The Swift type of a WIT type.
    func swiftType(_ type: WITType) throws -> String {
        try typeNames.swiftType(type)
    }

    /// A Swift expression of the `ValueType` that `type` travels as (handles as `list<u8>`).
    func valueTypeLiteral(_ type: WITType) throws -> String {
        switch type {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string: return ".\(type)"
        case .own, .borrow: return ".list(.u8)"
        case .list(let element): return ".list(\(try valueTypeLiteral(element)))"
        case .option(let inner): return ".option(\(try valueTypeLiteral(inner)))"
        case .result(let ok, let err):
            return ".result(ok: \(try ok.map(valueTypeLiteral) ?? "nil"), err: \(try err.map(valueTypeLiteral) ?? "nil"))"
        case .record(let fields):
            return ".record([" + (try fields.map { ".init(\(SwiftCode.literal($0.name)), \(try valueTypeLiteral($0.type)))" }).joined(separator: ", ") + "])"
        case .variant(let cases):
            return ".variant([" + (try cases.map { c in
                ".init(\(SwiftCode.literal(c.name))" + (try c.payload.map { ", \(try valueTypeLiteral($0))" } ?? "") + ")"
            }).joined(separator: ", ") + "])"
        case .enumeration(let names): return ".enumeration([\(names.map(SwiftCode.literal).joined(separator: ", "))])"
        case .flags(let names): return ".flags([\(names.map(SwiftCode.literal).joined(separator: ", "))])"
        case .tuple, .future, .stream, .errorContext:
            throw SwiftBindingsGenerator.Unsupported(description: "\(type) \(typeNames.spelling.unsupported)")
        }
    }

    /// The declarations of every named type.
    func declarations() throws -> [String] {
        try typeNames.registered.map { try declaration($0.type, $0.name) }
    }

    private func declaration(_ type: WITType, _ name: String) throws -> String {
        switch type {
        case .record(let fields):
            let members = try fields.map { (SwiftName.member($0.name), try swiftType($0.type), $0) }
            return """

                public struct \(name): WITValueConvertible, Equatable {
                \(members.map { "    public var \($0.0): \($0.1)" }.joined(separator: "\n"))

                    public init(\(members.map { "\($0.0): \($0.1)" }.joined(separator: ", "))) {
                \(members.map { "        self.\($0.0) = \($0.0)" }.joined(separator: "\n"))
                    }

                    public init(witValue: Value) throws(WRPCServiceError) {
                        guard case .record(let fields) = witValue, fields.count == \(fields.count) else { throw .mismatch(witValue, "\(name)") }
                \(members.enumerated().map { "        \($1.0) = try \($1.1)(witValue: fields[\($0)].value)" }.joined(separator: "\n"))
                    }

                    public var witValue: Value {
                        .record([\(members.map { ".init(\(SwiftCode.literal($0.2.name)), \($0.0).witValue)" }.joined(separator: ", "))])
                    }
                }
                """
        case .variant(let cases):
            let members = try cases.map { (SwiftName.member($0.name), try $0.payload.map(swiftType), $0.name) }
            return """

                public enum \(name): WITValueConvertible, Equatable {
                \(members.map { "    case \($0.0)" + ($0.1.map { "(\($0))" } ?? "") }.joined(separator: "\n"))

                    public init(witValue: Value) throws(WRPCServiceError) {
                        switch witValue {
                \(members.map { m in
                    m.1.map { "        case .variant(\(SwiftCode.literal(m.2)), let payload?): self = .\(m.0)(try \($0)(witValue: payload))" }
                        ?? "        case .variant(\(SwiftCode.literal(m.2)), nil): self = .\(m.0)"
                }.joined(separator: "\n"))
                        default: throw .mismatch(witValue, "\(name)")
                        }
                    }

                    public var witValue: Value {
                        switch self {
                \(members.map { m in
                    m.1 == nil ? "        case .\(m.0): .variant(\(SwiftCode.literal(m.2)), nil)"
                        : "        case .\(m.0)(let payload): .variant(\(SwiftCode.literal(m.2)), payload.witValue)"
                }.joined(separator: "\n"))
                        }
                    }
                }
                """
        case .enumeration(let cases):
            return """

                public enum \(name): String, WITValueConvertible, Equatable {
                \(cases.map { "    case \(SwiftName.member($0)) = \(SwiftCode.literal($0))" }.joined(separator: "\n"))

                    public init(witValue: Value) throws(WRPCServiceError) {
                        guard case .enumCase(let name) = witValue, let value = Self(rawValue: name) else { throw .mismatch(witValue, "\(name)") }
                        self = value
                    }

                    public var witValue: Value { .enumCase(rawValue) }
                }
                """
        case .flags(let flags):
            return """

                public struct \(name): OptionSet, WITValueConvertible {
                    public let rawValue: UInt64
                    public init(rawValue: UInt64) { self.rawValue = rawValue }
                \(flags.enumerated().map { "    public static let \(SwiftName.member($1)) = \(name)(rawValue: 1 << \($0))" }.joined(separator: "\n"))
                    private static let names = [\(flags.map(SwiftCode.literal).joined(separator: ", "))]

                    public init(witValue: Value) throws(WRPCServiceError) {
                        guard case .flags(let set) = witValue else { throw .mismatch(witValue, "\(name)") }
                        rawValue = Self.names.enumerated().reduce(0) { set.contains($1.element) ? $0 | 1 << UInt64($1.offset) : $0 }
                    }

                    public var witValue: Value {
                        .flags(Self.names.enumerated().filter { rawValue & 1 << UInt64($0.offset) != 0 }.map(\\.element))
                    }
                }
                """
        default:
            return ""
        }
    }
}
