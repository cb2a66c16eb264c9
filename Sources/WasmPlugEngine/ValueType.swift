/// The type of a component-model value, with `Resource` standing for the resource type that
/// each `own` and `borrow` handle is to: the engine's ``ResourceType`` in ``ValueType``, a WIT
/// resource name in types read from WIT.
public indirect enum ComponentValueType<Resource: ResourceReference>: Equatable, Sendable {
    case bool, s8, u8, s16, u16, s32, u32, s64, u64, f32, f64, char, string
    case list(Self)
    case record([Field])
    case tuple([Self])
    case variant([Case])
    case enumeration([String])
    case option(Self)
    case result(ok: Self?, err: Self?)
    case flags([String])
    /// An owned handle to a resource.
    case own(Resource)
    /// A borrowed handle to a resource.
    case borrow(Resource)
    case future(Self?)
    case stream(Self?)
    case errorContext

    /// A named field of a record type, or a named function parameter.
    public struct Field: Equatable, Sendable {
        public var name: String
        public var type: ComponentValueType
        public init(_ name: String, _ type: ComponentValueType) {
            self.name = name
            self.type = type
        }
    }

    /// A named case of a variant type, with its payload type if it has one.
    public struct Case: Equatable, Sendable {
        public var name: String
        public var payload: ComponentValueType?
        public init(_ name: String, _ payload: ComponentValueType? = nil) {
            self.name = name
            self.payload = payload
        }
    }
}

/// What stands for a resource type in a ``ComponentValueType``.
public protocol ResourceReference: Equatable, Sendable {
    /// The name WIT text gives the resource, as in `own<name>`.
    var witName: String { get }
}

/// The type of a value the engine passes: handles are to the engine's resource types.
public typealias ValueType = ComponentValueType<ResourceType>

extension ResourceType: ResourceReference {
    /// The resource's name, or `resource` when the component does not name it.
    public var witName: String { name ?? "resource" }
}

extension String: ResourceReference {
    /// The resource name itself.
    public var witName: String { self }
}

/// A function's type: named parameters and an optional result, with handles to `Resource`s.
public struct ComponentFunctionType<Resource: ResourceReference>: Equatable, Sendable {
    public var parameters: [ComponentValueType<Resource>.Field]
    public var result: ComponentValueType<Resource>?
    public var isAsync: Bool

    public init(parameters: [ComponentValueType<Resource>.Field], result: ComponentValueType<Resource>?, isAsync: Bool = false) {
        self.parameters = parameters
        self.result = result
        self.isAsync = isAsync
    }
}

/// The type of a function the engine calls or defines.
public typealias FunctionType = ComponentFunctionType<ResourceType>
