/// The resources of an imported interface that something else implements (a plugin in another
/// process, a plugin component in the same store): each becomes a host resource type whose
/// objects stand for the real resource, and calls are forwarded with handles converted.
///
/// Built from the guest's import; ``define(_:in:forwarding:)`` defines the whole instance.
public struct ForwardedResources {
    /// The host resource types, by the resource's name in the interface.
    public let types: [String: HostResourceType]
    /// Who implements the resources, for errors: `wRPC plugin tcp://...`.
    public let owner: String

    /// A host resource type for every resource `item` (an imported interface) declares;
    /// `onDrop` receives an object when the guest drops its handle, with the resource's name.
    public init(of item: NamedItem, owner: String, onDrop: @escaping (AnyObject, String) -> Void) {
        var types: [String: HostResourceType] = [:]
        for member in item.item.instanceItems {
            guard case .resource = member.item else { continue }
            types[member.name] = HostResourceType(name: member.name) { onDrop($0, member.name) }
        }
        self.types = types
        self.owner = owner
    }

    /// Defines the instance `item` in `linker`: these resource types, and each function, which
    /// `forwarding` defines in the instance from its name and type.
    public func define(_ item: NamedItem, in linker: Linker,
                       forwarding: (LinkerInstance, String, FunctionType) throws -> Void) throws {
        try linker.define(instance: item.name) { instance in
            for type in types.values { try instance.resource(type) }
            for member in item.item.instanceItems {
                guard case .function(let type) = member.item else { continue }
                try forwarding(instance, member.name, type)
            }
        }
    }

    /// The host type standing for `type`.
    private func hostType(_ type: ResourceType) throws(WasmtimeError) -> HostResourceType {
        if let name = type.name, let hostType = types[name] { return hostType }
        if type.name == nil, types.count == 1 { return types.values.first! }
        throw WasmtimeError(.trap, "\(owner) serves no resource \(type.name ?? "(unnamed)")")
    }

    /// `value` (of `type`, from the guest) with each handle replaced by what `convert` makes of
    /// the object behind it and the handle's type (`own<R>` or `borrow<R>`).
    public func lower(_ value: Value, _ type: ValueType, _ caller: Caller,
                      _ convert: (AnyObject, ValueType) throws(WasmtimeError) -> Value) throws(WasmtimeError) -> Value {
        try value.mappingHandles(as: type) { handle, handleType throws(WasmtimeError) in
            switch handleType {
            case .own(let resource), .borrow(let resource):
                try convert(try caller.object(of: handle, as: try hostType(resource)), handleType)
            default: handle
            }
        }
    }

    /// `value` (of `type`, for the guest) with each owned handle's place, as the implementation
    /// returned it, turned into a new guest handle to the object `wrap` makes of it.
    public func lift(_ value: Value, _ type: ValueType, _ caller: Caller,
                     _ wrap: (Value) throws(WasmtimeError) -> AnyObject) throws(WasmtimeError) -> Value {
        try value.mappingHandles(as: type) { handle, handleType throws(WasmtimeError) in
            guard case .own(let resource) = handleType else {
                throw WasmtimeError(.trap, "\(owner) returned a borrowed handle, which cannot cross a call")
            }
            return try caller.makeResource(try wrap(handle), of: try hostType(resource))
        }
    }
}
