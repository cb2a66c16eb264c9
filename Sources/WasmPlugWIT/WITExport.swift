import WasmPlugEngine

/// Something a WIT world exports: an interface, or a function of its own.
public enum WITExport: Equatable, Sendable {
    case interface(WITInterface)
    case function(WITFunction)
}

/// An interface as a world exports it.
public struct WITInterface: Equatable, Sendable {
    /// The fully qualified name (`wasi:keyvalue/store@0.2.0-draft`), or the plain name of an
    /// interface written inline in the world.
    public var name: String
    /// The interface's functions in declaration order, resource functions included.
    public var functions: [WITFunction]
    /// The resources the interface defines.
    public var resources: [String]
    /// The records, variants, enums and flags the interface defines, by their WIT names (for
    /// generating bindings that keep those names).
    public var namedTypes: [NamedType]

    /// A type definition: its WIT name and what it resolves to.
    public typealias NamedType = WITType.Field

    public init(name: String, functions: [WITFunction], resources: [String], namedTypes: [NamedType] = []) {
        self.name = name
        self.functions = functions
        self.resources = resources
        self.namedTypes = namedTypes
    }
}

/// A function with its component-model name and type.
///
/// Resource functions are named `[constructor]r`, `[method]r.name` and `[static]r.name`, as the
/// component model names them; a method's first parameter is `self: borrow<r>`, and a
/// constructor returns `own<r>`.
public struct WITFunction: Equatable, Sendable {
    public var name: String
    public var parameters: [WITType.Field]
    public var result: WITType?

    public init(name: String, parameters: [WITType.Field], result: WITType?) {
        self.name = name
        self.parameters = parameters
        self.result = result
    }

    /// The function's type, without its name.
    public var type: ComponentFunctionType<String> {
        ComponentFunctionType(parameters: parameters, result: result)
    }

    /// Whether `engineType` is a synchronous function with this function's parameter names and
    /// types and its result.
    public func matches(_ engineType: FunctionType) -> Bool {
        parameters.map(\.name) == engineType.parameters.map(\.name) && type.matches(engineType, resources: WITType.sameResource)
    }
}

extension WITFunction: CustomStringConvertible {
    /// The function in WIT syntax: `name: func(a: t) -> r`.
    public var description: String { "\(name): \(type)" }
}
