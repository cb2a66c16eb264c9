import WasmPlugCache
import WasmPlugEngine
import WasmPlugProvider

/// A plugin component called with values from outside, to serve its exports to other
/// processes (`wasmplug plugin serve plugin.wasm`). It gets WASI (inherited stdio, no files);
/// calls take turns on its one instance, which keeps its state (memory, globals, resources)
/// from call to call.
///
/// A call that traps fails alone: a trapped instance cannot be entered again, so the component
/// starts over, with a fresh instance (its state as after instantiation, every resource handle
/// it handed out unknown), before the next call.
///
/// Resource handles cross as opaque bytes (see ``ResourceHandleTable``); `[resource-drop]R`
/// drops one, running the component's destructor, and so do the table's rules.
public final class ComponentPluginHost: @unchecked Sendable {
    // Safe to share: every use of `instantiated` and `handles` goes through `lock`.

    public let path: String
    public private(set) var functions: [WireFunction] = []
    private let engine: Engine
    private let component: Component
    private let resolution: ImportResolution
    /// The store and instance calls go to; `nil` after a trap, until the next call makes new ones.
    private var instantiated: (store: Store, instance: Instance)?
    private let handles: ResourceHandleTable<Resource>
    private let lock = Mutex()

    /// Loads and instantiates the component; its imports must all be WASI. `resourceRules` say
    /// when handles that callers never drop are freed.
    public init(path: String, cache: ComponentCache?, resourceRules: ResourceHandleRules = .standard) throws {
        self.path = path
        engine = Engine()
        component = try GuestLoader.load(path, engine: engine, cache: cache).0
        handles = ResourceHandleTable(rules: resourceRules)
        let type = component.type
        resolution = ImportResolution(imports: type.imports, wasi: true)
        try resolution.requireComplete()
        instantiated = try instantiate()
        for export in type.exports {
            for member in export.item.instanceItems {
                guard case .function(let functionType) = member.item else { continue }
                let wireType = FunctionType(
                    parameters: functionType.parameters.map { .init($0.name, $0.type.mappingHandleTypes { _ in .list(.u8) }) },
                    result: functionType.result?.mappingHandleTypes { _ in .list(.u8) })
                functions.append(WireFunction(interface: export.name, name: member.name, type: wireType))
            }
            for member in export.item.instanceItems {
                guard case .resource = member.item else { continue }
                functions.append(.resourceDrop(member.name, of: export.name))
            }
        }
        guard !functions.isEmpty else {
            throw HostError("\(path) exports no interface with functions: there is nothing to serve")
        }
    }

    /// A new store with WASI, and the component instantiated in it.
    private func instantiate() throws -> (store: Store, instance: Instance) {
        let linker = Linker(engine: engine)
        try linker.addWASI()
        let store = Store(engine: engine)
        try resolution.define(in: linker, store: store, importer: path)
        try store.setWASI(WASIConfiguration(arguments: [path], inheritStdio: true))
        return (store, try linker.instantiate(component, in: store))
    }

    /// Calls `function` of `interface` with wire values; returns the result tuple as wire values.
    /// A trap is thrown as is, and the next call gets a fresh instance.
    public func call(interface: String, function name: String, arguments: [Value]) throws -> [Value] {
        try lock.withLock {
            let (store, instance) = try instantiated ?? instantiate()
            instantiated = (store, instance)
            for resource in handles.takeFreed() { try? store.drop(resource) }
            if name.hasPrefix("[resource-drop]"), let handle = arguments.first {
                guard let resource = handles.remove(handle) else {
                    throw WasmtimeError(.trap, "\(path): \(handles.unknownHandle)")
                }
                try store.drop(resource)
                return []
            }
            guard let function = instance.function([interface, name]) else {
                throw HostError("\(path) does not export \(interface)#\(name)")
            }
            let type = function.type
            var resolved: [Value] = []
            for (argument, parameter) in zip(arguments, type.parameters) {
                resolved.append(try handles.resolve(argument, as: parameter.type, unknown: unknownHandle) { held throws(WasmtimeError) in .resource(held) })
            }
            let result: Value?
            do throws(WasmtimeError) {
                result = try function.call(resolved)
            } catch {
                if error.kind != .misuse {  // it ran and trapped: a trapped instance cannot be entered again
                    instantiated = nil
                    handles.removeAll()
                }
                throw error
            }
            guard let result, let resultType = type.result else { return [] }
            return [handles.export(result, as: resultType) { $0 }]
        }
    }

    private func unknownHandle() -> WasmtimeError {
        WasmtimeError(.trap, "\(path): \(handles.unknownHandle)")
    }
}
