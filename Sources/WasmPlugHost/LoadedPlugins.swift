import WasmPlugEngine
import WasmPlugNative
import WasmPlugRPC

/// The plugins of one run, loaded and ready to serve imports: native libraries, RPC plugins
/// and plugin components.
public struct LoadedPlugins {
    public let native: [NativePlugin]
    /// Native plugins in child processes (`isolate=process`).
    public let isolated: [IsolatedPlugin]
    public let rpc: [RPCPlugin]
    public let components: [ComponentPlugin]

    /// Opens every native library, checks every RPC target and compiles every plugin component
    /// with `engine` (the guest's, so they can share its store) through `cache`; nothing is
    /// contacted or instantiated yet.
    public init(_ options: PluginOptions, engine: Engine? = nil, cache: ComponentCache? = nil) throws(HostError) {
        native = try options.native.filter { $0.isolation == nil }.map(Self.load)
        var isolated: [IsolatedPlugin] = []
        for specification in options.native {
            guard let isolation = specification.isolation else { continue }
            isolated.append(try IsolatedPlugin(specification, isolation: isolation))
        }
        self.isolated = isolated
        var rpc: [RPCPlugin] = []
        for specification in options.rpc {
            rpc.append(RPCPlugin(target: try specification.rpcTarget(), imports: specification.imports,
                                 timeout: .milliseconds(Int64((specification.timeout ?? 30) * 1000))))
        }
        self.rpc = rpc
        var components: [ComponentPlugin] = []
        if !options.components.isEmpty {
            let engine = engine ?? Engine()
            for specification in options.components {
                components.append(try ComponentPlugin(specification, engine: engine, cache: cache))
            }
        }
        self.components = components
    }

    /// Loads the plugin library a `-P plugin=` names.
    static func load(_ specification: PluginSpecification) throws(HostError) -> NativePlugin {
        do {
            return NativePlugin(library: try PluginLibrary(path: specification.path),
                                configuration: specification.configuration.map { ($0.key, $0.value) })
        } catch {
            throw HostError(error.description)
        }
    }

    /// Each plugin as a provider, with the imports it serves.
    public var offers: [(provider: Provider, serves: (String) -> Bool)] { offers(excluding: nil) }

    /// Each plugin but `component` as a provider, with the imports it serves.
    func offers(excluding component: ComponentPlugin?) -> [(provider: Provider, serves: (String) -> Bool)] {
        native.map(\.offer) + isolated.map { plugin in (.isolatedPlugin(path: plugin.specification.path), plugin.serves) }
            + rpc.map { plugin in (.rpcPlugin(target: plugin.target.description), plugin.serves) }
            + components.filter { $0 !== component }.map(\.offer)
    }

    /// Throws when an RPC plugin's `-P import=` matches none of `imports`: the option is a mistake.
    public func requireUsed(by imports: [NamedItem]) throws(HostError) {
        for plugin in rpc {
            for pattern in plugin.imports where !imports.contains(where: { RPCPlugin.pattern(pattern, matches: $0.name) }) {
                let others = imports.map(\.name).filter { !WASIInterfaces.provides($0) }
                throw HostError("-P import=\(pattern): the guest imports nothing by that name; "
                    + (others.isEmpty ? "it imports only WASI" : "its imports besides WASI are \(others.joined(separator: ", "))"))
            }
        }
    }

    /// Instantiates the plugin components in `store` (give it its WASI context first), then
    /// defines every import of the guest a plugin serves in `linker`, and attaches native
    /// plugins to `store`.
    public func define(_ imports: [NamedItem], in linker: Linker, store: Store) throws {
        try instantiateComponents(in: store)
        try defineServed(imports, in: linker, store: store, importer: "the guest")
    }

    /// Defines every one of `imports` (of `importer`) a plugin serves in `linker`.
    func defineServed(_ imports: [NamedItem], in linker: Linker, store: Store, importer: String) throws {
        for plugin in native {
            for item in imports where plugin.interface(serving: item.name) != nil { try plugin.define(item, in: linker) }
            try plugin.attach(to: store)
        }
        for plugin in isolated {
            try plugin.attach(to: store)
            for item in imports where plugin.serves(item.name) { try plugin.define(item, in: linker) }
        }
        for plugin in rpc {
            for item in imports where plugin.serves(item.name) { try plugin.define(item, in: linker) }
        }
        for plugin in components {
            for item in imports where plugin.export(serving: item.name) != nil {
                try plugin.define(item, in: linker, store: store, importer: importer)
            }
        }
    }
}

extension NativePlugin {
    /// This plugin as a provider, with the imports it serves.
    public var offer: (provider: Provider, serves: (String) -> Bool) {
        (.nativePlugin(name: library.name, path: library.path), { self.interface(serving: $0) != nil })
    }
}
