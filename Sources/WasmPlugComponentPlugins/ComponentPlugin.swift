import WasmPlugDL
import WasmPlugEngine
import WasmPlugProvider

/// A plugin component (`-P component=PATH[,trusted][,dl-policy=FILE]`): a component whose
/// exported interfaces serve imports of the same name, instantiated in the guest's store.
///
/// Calls are forwarded as they are; the guest's handles to the plugin's resources are host
/// resources whose objects hold the plugin's own handles, and dropping one drops the other.
public final class ComponentPlugin: ImportingProvider {
    /// The `-P component=` option it comes from.
    public let specification: ComponentPluginSpecification
    /// The compiled component, for the run's engine.
    public let component: Component
    /// Its imports and exports.
    public let type: ComponentType
    /// The wasi:dl host of a trusted component, under its policy.
    let dl: DLInterface?
    /// The instance in the run's store, once instantiated.
    private(set) var instance: Instance?

    /// The component file.
    public var path: String { specification.path }

    /// Compiles the component (with `context`'s engine and cache) and reads a trusted
    /// component's dl policy.
    public init(_ specification: ComponentPluginSpecification, context: ProviderContext) throws(HostError) {
        self.specification = specification
        component = try context.loadComponent(specification.path)
        type = component.type
        guard specification.trusted else {
            dl = nil
            return
        }
        guard let file = specification.dlPolicy else {
            dl = DLInterface(policy: DLPolicy(source: "no dl-policy= given for \(specification.path): the empty policy"))
            return
        }
        do {
            dl = DLInterface(policy: try DLPolicy(contentsOfFile: file))
        } catch {
            throw HostError("-P component=\(specification.path),dl-policy=\(file): \(error)")
        }
    }

    public var description: String { "plugin component (\(path))" }

    /// Whether an exported interface serves the import `name`.
    public func serves(_ name: String) -> Bool { export(serving: name) != nil }

    /// The exported interface that serves the import `name`: the same name, or the same name
    /// without the version.
    func export(serving name: String) -> NamedItem? {
        let interfaces = type.exports.filter { if case .instance = $0.item { true } else { false } }
        if let exact = interfaces.first(where: { $0.name == name }) { return exact }
        let unversioned = InterfaceName(name).unversioned
        return interfaces.first { InterfaceName($0.name).unversioned == unversioned }
    }

    public var imports: [NamedItem] { type.imports }

    /// A trusted component's wasi:dl host and its typed native imports, for its own imports only.
    public var privateProviders: [any ImportProvider] { dl.map { [$0, DLTypedImports(policy: $0.policy)] } ?? [] }

    /// Throws when an untrusted component imports wasi:dl.
    public func checkImports() throws(HostError) {
        guard dl == nil, let item = type.imports.first(where: { DLInterface.serves($0.name) }) else { return }
        throw HostError("-P component=\(path): it imports \(item.name), which only a trusted plugin component gets: "
            + "add ,trusted (and ,dl-policy=FILE) if you trust it to run native code")
    }

    /// Instantiates the component in `store` with `linker`, which defines all its imports.
    public func instantiate(with linker: Linker, in store: Store) throws(HostError) {
        do {
            instance = try linker.instantiate(component, in: store)
        } catch {
            throw HostError("-P component=\(path): \(error)")
        }
    }

    /// Defines `item`, an import of `importer` ("the guest", "plugin component X") that this
    /// plugin serves, in `linker`: after checking that every function and resource it imports
    /// is exported here with the same type, each function calls the plugin's.
    public func define(_ item: NamedItem, in linker: Linker, store: Store, importer: String) throws {
        guard let instance, let export = export(serving: item.name) else {
            throw HostError("plugin component \(path) is not instantiated or does not export \(item.name)")
        }
        var functions: [String: Func] = [:]
        for member in item.item.instanceItems {
            let exported = export.item.instanceItems.first { $0.name == member.name }?.item
            switch (member.item, exported) {
            case (.function(let wanted), .function(let offered)?):
                guard offered.matches(wanted) else {
                    throw HostError("plugin component \(path) exports \(export.name) \(member.name) as \(offered), but \(importer) "
                        + "imports it as \(wanted): build both against the same WIT")
                }
                functions[member.name] = instance.function([export.name, member.name])
            case (.function, _), (.resource, _):
                guard exported != nil else {
                    throw HostError("plugin component \(path) exports \(export.name) without \(member.name), which \(importer) "
                        + "imports: build both against the same WIT")
                }
            default: continue
            }
        }
        let resources = ForwardedResources(of: item, owner: "plugin component \(path)") { [weak store] object, _ in
            // The store is going away when it is gone: the plugin's resources go with it.
            guard let store, let resource = (object as! PluginResource).resource else { return }
            try? store.drop(resource)
        }
        try resources.define(item, in: linker) { instance, name, type in
            guard let function = functions[name] else { throw HostError("plugin component \(path) has no function \(export.name)#\(name)") }
            try instance.function(name, Self.forwarding(to: function.unbound, type: type, resources: resources))
        }
    }

    /// A host function with the import's `type` that calls `function` with the guest's
    /// handles replaced by the plugin's, and wraps the plugin's handles it returns.
    private static func forwarding(to function: UnboundFunc, type: FunctionType, resources: ForwardedResources) -> HostFunction {
        let parameterTypes = type.parameters.map(\.type)
        guard (parameterTypes + [type.result].compactMap { $0 }).contains(where: \.holdsResources) else {
            return { caller, arguments in try function.call(arguments, from: caller) }
        }
        return { caller, arguments in
            var lowered: [Value] = []
            for (argument, parameterType) in zip(arguments, parameterTypes) {
                lowered.append(try resources.lower(argument, parameterType, caller) { object, handleType throws(WasmtimeError) in
                    try (object as! PluginResource).handle(as: handleType)
                })
            }
            guard let result = try function.call(lowered, from: caller), let resultType = type.result else { return nil }
            return try resources.lift(result, resultType, caller) { handle throws(WasmtimeError) in try PluginResource(handle) }
        }
    }
}

/// What the guest's handle to a plugin component's resource stands for: the plugin's handle.
final class PluginResource {
    /// The plugin's owned handle; nil once its ownership moved back into the plugin.
    private(set) var resource: Resource?

    init(_ handle: Value) throws(WasmtimeError) {
        guard case .resource(let resource) = handle else {
            throw WasmtimeError(.trap, "a plugin component returned \(handle) where a resource handle belongs")
        }
        self.resource = resource
    }

    /// The plugin's handle, to pass as `handleType`: passing it as `own<R>` gives it away.
    func handle(as handleType: ValueType) throws(WasmtimeError) -> Value {
        guard let resource else { throw WasmtimeError(.trap, "the resource was already handed back to its plugin component") }
        if case .own = handleType { self.resource = nil }
        return .resource(resource)
    }
}
