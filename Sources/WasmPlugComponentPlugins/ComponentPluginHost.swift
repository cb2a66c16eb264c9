import WasmPlugCache
import WasmPlugEngine
import WasmPlugProvider

/// A plugin component called with values from outside, to serve its exports to other
/// processes (`wasmplug plugin serve plugin.wasm`). It is instantiated once, with WASI
/// (inherited stdio, no files); calls take turns on its store.
///
/// Resource handles cross as opaque bytes (see ``ResourceHandleTable``); `[resource-drop]R`
/// drops one, running the component's destructor.
public final class ComponentPluginHost: @unchecked Sendable {
    // Safe to share: every use of `store`, `instance` and `handles` goes through `lock`.

    public let path: String
    public private(set) var functions: [WireFunction] = []
    private let store: Store
    private let instance: Instance
    private let handles = ResourceHandleTable<Resource>()
    private let lock = Mutex()

    /// Loads and instantiates the component; its imports must all be WASI.
    public init(path: String, cache: ComponentCache?) throws {
        self.path = path
        let engine = Engine()
        let (component, _) = try GuestLoader.load(path, engine: engine, cache: cache)
        let type = component.type
        let resolution = ImportResolution(imports: type.imports, wasi: true)
        try resolution.requireComplete()
        let linker = Linker(engine: engine)
        try linker.addWASI()
        store = Store(engine: engine)
        try resolution.define(in: linker, store: store, importer: path)
        try store.setWASI(WASIConfiguration(arguments: [path], inheritStdio: true))
        instance = try linker.instantiate(component, in: store)
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

    /// Calls `function` of `interface` with wire values; returns the result tuple as wire values.
    public func call(interface: String, function name: String, arguments: [Value]) throws -> [Value] {
        try lock.withLock {
            if name.hasPrefix("[resource-drop]"), let handle = arguments.first {
                guard let resource = handles.remove(handle) else {
                    throw WasmtimeError(.trap, "\(path): unknown or already dropped resource handle")
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
            guard let result = try function.call(resolved), let resultType = type.result else { return [] }
            return [handles.export(result, as: resultType) { $0 }]
        }
    }

    private func unknownHandle() -> WasmtimeError {
        WasmtimeError(.trap, "\(path): unknown or dropped resource handle")
    }
}
