import WasmPlugEngine

/// Who serves an import: a provider object, or what the runtime itself decides.
public enum Provider: Equatable, CustomStringConvertible {
    /// A plugin of any kind (native, isolated, component, RPC, wasi:dl).
    case plugin(any ImportProvider)
    /// Wasmtime's WASI 0.2.
    case builtInWASI
    /// Wasmtime's wasi:http client, granted with `-S http`.
    case builtInHTTP
    /// A function or interface the embedding host defined in Swift.
    case host
    /// An interface that only declares types: an empty instance satisfies it.
    case typesOnly
    /// Nothing: running would fail.
    case none

    public var description: String {
        switch self {
        case .plugin(let provider): provider.description
        case .builtInWASI: "built in (WASI 0.2)"
        case .builtInHTTP: "built in (wasi:http client, -S http)"
        case .host: "host"
        case .typesOnly: "types only, nothing to provide"
        case .none: "not provided"
        }
    }

    /// Plugins are the same provider when they are the same object.
    public static func == (lhs: Provider, rhs: Provider) -> Bool {
        switch (lhs, rhs) {
        case (.plugin(let a), .plugin(let b)): a === b
        case (.builtInWASI, .builtInWASI), (.builtInHTTP, .builtInHTTP), (.host, .host), (.typesOnly, .typesOnly), (.none, .none): true
        default: false
        }
    }

    /// The plugin, when a plugin serves the import.
    public var plugin: (any ImportProvider)? {
        if case .plugin(let provider) = self { provider } else { nil }
    }
}
