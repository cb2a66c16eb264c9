/// Component types written in WIT syntax: the one printer of types, for messages, comments in
/// generated code and `wasmplug inspect`.
extension ComponentValueType: CustomStringConvertible {
    /// WIT syntax, with records, variants, enums and flags written out structurally, e.g.
    /// `record { x: s32 }`.
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
        case .option(let inner): "option<\(inner)>"
        case .result(nil, nil): "result"
        case .result(let ok?, nil): "result<\(ok)>"
        case .result(let ok, let err?): "result<\(ok?.description ?? "_"), \(err)>"
        case .flags(let names): "flags { \(names.joined(separator: ", ")) }"
        case .own(let resource): "own<\(resource.witName)>"
        case .borrow(let resource): "borrow<\(resource.witName)>"
        case .future(let inner): inner.map { "future<\($0)>" } ?? "future"
        case .stream(let inner): inner.map { "stream<\($0)>" } ?? "stream"
        case .errorContext: "error-context"
        }
    }
}

extension ComponentValueType.Field: CustomStringConvertible {
    /// `name: type`.
    public var description: String { "\(name): \(type)" }
}

extension ComponentValueType.Case: CustomStringConvertible {
    /// `name` or `name(payload)`.
    public var description: String { payload.map { "\(name)(\($0))" } ?? name }
}

extension ComponentFunctionType: CustomStringConvertible {
    /// WIT syntax: `func(a: u32, b: string) -> u32`.
    public var description: String {
        let parameters = parameters.map(\.description).joined(separator: ", ")
        return "\(isAsync ? "async func" : "func")(\(parameters))" + (result.map { " -> \($0)" } ?? "")
    }
}
