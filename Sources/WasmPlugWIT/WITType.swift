import WasmPlugEngine

/// A component-model type read from WIT: ``ValueType``'s shape, with resource handles named by
/// their WIT resource instead of an engine ``ResourceType``.
///
/// Named types (records, variants, enums, flags, aliases) are resolved structurally, as the
/// engine reports them.
public indirect enum WITType: Equatable, Sendable {
    case bool, s8, u8, s16, u16, s32, u32, s64, u64, f32, f64, char, string
    case list(WITType)
    case record([Field])
    case tuple([WITType])
    case variant([Case])
    case enumeration([String])
    case option(WITType)
    case result(ok: WITType?, err: WITType?)
    case flags([String])
    /// An owned handle to the named resource.
    case own(String)
    /// A borrowed handle to the named resource.
    case borrow(String)
    case future(WITType?)
    case stream(WITType?)

    /// A named field of a record type, or a named function parameter.
    public struct Field: Equatable, Sendable {
        public var name: String
        public var type: WITType
        public init(_ name: String, _ type: WITType) {
            self.name = name
            self.type = type
        }
    }

    /// A named case of a variant type, with its payload type if it has one.
    public struct Case: Equatable, Sendable {
        public var name: String
        public var payload: WITType?
        public init(_ name: String, _ payload: WITType? = nil) {
            self.name = name
            self.payload = payload
        }
    }
}

extension WITType {
    /// Whether `engineType` has this type's structure. Handles match by resource name when the
    /// engine knows it, and match any resource when it does not.
    public func matches(_ engineType: ValueType) -> Bool {
        switch (self, engineType) {
        case (.bool, .bool), (.s8, .s8), (.u8, .u8), (.s16, .s16), (.u16, .u16), (.s32, .s32),
            (.u32, .u32), (.s64, .s64), (.u64, .u64), (.f32, .f32), (.f64, .f64), (.char, .char),
            (.string, .string):
            return true
        case (.list(let element), .list(let other)), (.option(let element), .option(let other)):
            return element.matches(other)
        case (.record(let fields), .record(let others)):
            return fields.count == others.count
                && zip(fields, others).allSatisfy { $0.name == $1.name && $0.type.matches($1.type) }
        case (.tuple(let types), .tuple(let others)):
            return types.count == others.count && zip(types, others).allSatisfy { $0.matches($1) }
        case (.variant(let cases), .variant(let others)):
            return cases.count == others.count
                && zip(cases, others).allSatisfy { $0.name == $1.name && Self.matches($0.payload, $1.payload) }
        case (.enumeration(let names), .enumeration(let others)), (.flags(let names), .flags(let others)):
            return names == others
        case (.result(let ok, let err), .result(let otherOK, let otherErr)):
            return Self.matches(ok, otherOK) && Self.matches(err, otherErr)
        case (.own(let name), .own(let resource)), (.borrow(let name), .borrow(let resource)):
            return resource.name.map { $0 == name } ?? true
        case (.future(let element), .future(let other)), (.stream(let element), .stream(let other)):
            return Self.matches(element, other)
        default:
            return false
        }
    }

    /// Whether both types are absent, or both present and matching.
    static func matches(_ type: WITType?, _ engineType: ValueType?) -> Bool {
        switch (type, engineType) {
        case (nil, nil): true
        case (let type?, let engineType?): type.matches(engineType)
        default: false
        }
    }
}

extension WITType: CustomStringConvertible {
    /// The type in WIT syntax; structural types are written inline, e.g. `record { x: s32 }`.
    public var description: String {
        switch self {
        case .bool: "bool"
        case .s8: "s8"
        case .u8: "u8"
        case .s16: "s16"
        case .u16: "u16"
        case .s32: "s32"
        case .u32: "u32"
        case .s64: "s64"
        case .u64: "u64"
        case .f32: "f32"
        case .f64: "f64"
        case .char: "char"
        case .string: "string"
        case .list(let element): "list<\(element)>"
        case .record(let fields): "record { \(fields.map(\.description).joined(separator: ", ")) }"
        case .tuple(let types): "tuple<\(types.map(\.description).joined(separator: ", "))>"
        case .variant(let cases): "variant { \(cases.map(\.description).joined(separator: ", ")) }"
        case .enumeration(let names): "enum { \(names.joined(separator: ", ")) }"
        case .option(let element): "option<\(element)>"
        case .result(nil, nil): "result"
        case .result(let ok?, nil): "result<\(ok)>"
        case .result(let ok, let err?): "result<\(ok?.description ?? "_"), \(err)>"
        case .flags(let names): "flags { \(names.joined(separator: ", ")) }"
        case .own(let resource): "own<\(resource)>"
        case .borrow(let resource): "borrow<\(resource)>"
        case .future(let element): element.map { "future<\($0)>" } ?? "future"
        case .stream(let element): element.map { "stream<\($0)>" } ?? "stream"
        }
    }
}

extension WITType.Field: CustomStringConvertible {
    /// `name: type`.
    public var description: String { "\(name): \(type)" }
}

extension WITType.Case: CustomStringConvertible {
    /// `name` or `name(payload)`.
    public var description: String { payload.map { "\(name)(\($0))" } ?? name }
}
