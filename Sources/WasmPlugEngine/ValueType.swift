/// The type of a component-model value, read from a component or a function.
public indirect enum ValueType: Equatable, Sendable {
    case bool, s8, u8, s16, u16, s32, u32, s64, u64, f32, f64, char, string
    case list(ValueType)
    case record([Field])
    case tuple([ValueType])
    case variant([Case])
    case enumeration([String])
    case option(ValueType)
    case result(ok: ValueType?, err: ValueType?)
    case flags([String])
    case own(ResourceType)
    case borrow(ResourceType)
    case future(ValueType?)
    case stream(ValueType?)
    case errorContext

    /// A named field of a record type.
    public struct Field: Equatable, Sendable {
        public var name: String
        public var type: ValueType
        public init(_ name: String, _ type: ValueType) {
            self.name = name
            self.type = type
        }
    }

    /// A named case of a variant type, with its payload type if it has one.
    public struct Case: Equatable, Sendable {
        public var name: String
        public var payload: ValueType?
        public init(_ name: String, _ payload: ValueType? = nil) {
            self.name = name
            self.payload = payload
        }
    }
}

/// A function's type: named parameters and an optional result.
public struct FunctionType: Equatable, Sendable {
    public var parameters: [ValueType.Field]
    public var result: ValueType?
    public var isAsync: Bool

    public init(parameters: [ValueType.Field], result: ValueType?, isAsync: Bool = false) {
        self.parameters = parameters
        self.result = result
        self.isAsync = isAsync
    }
}
