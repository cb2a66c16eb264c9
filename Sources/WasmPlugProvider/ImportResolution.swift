import WasmPlugEngine

/// The provider chosen for each import of a component, decided once, before anything runs:
/// linking, `run`, `inspect` and `plugin serve` all act on this one decision.
public struct ImportResolution {
    public struct Entry {
        public var item: NamedItem
        public var provider: Provider
        public var name: String { item.name }
    }

    public var entries: [Entry]

    /// Imports more than one provider offers, with every offer.
    public var conflicts: [(name: String, providers: [Provider])]

    /// Imports whose `-P prefer=` names a provider that does not offer them, with the offers.
    public var unmetPreferences: [(name: String, preference: ProviderPreference, providers: [Provider])]

    /// Resolves every import against WASI 0.2 (when `wasi` is on), wasi:http's client (when
    /// `http` is: `-S http`), `hostNames`, and the interfaces each of `plugins` serves; where
    /// several offer one, the last of `preferences` that applies to it chooses.
    public init(imports: [NamedItem], wasi: Bool, http: Bool = false, hostNames: Set<String> = [],
                plugins: [any ImportProvider] = [], preferences: [ProviderPreference] = []) {
        var conflicts: [(name: String, providers: [Provider])] = []
        var unmet: [(name: String, preference: ProviderPreference, providers: [Provider])] = []
        entries = imports.map { item in
            var offers: [Provider] = []
            if wasi && WASIInterfaces.provides(item.name) { offers.append(.builtInWASI) }
            if http && WASIInterfaces.providesHTTP(item.name) { offers.append(.builtInHTTP) }
            if hostNames.contains(item.name) || hostNames.contains(InterfaceName(item.name).unversioned) { offers.append(.host) }
            offers += plugins.filter { $0.serves(item.name) }.map(Provider.plugin)
            if let preference = preferences.last(where: { $0.applies(to: item.name) }) {
                let chosen = offers.filter(preference.chooses)
                if chosen.count == 1 { offers = chosen } else { unmet.append((item.name, preference, offers)) }
            }
            if offers.isEmpty && item.item.declaresOnlyTypes { offers.append(.typesOnly) }
            if offers.count > 1 { conflicts.append((item.name, offers)) }
            return Entry(item: item, provider: offers.first ?? .none)
        }
        self.conflicts = conflicts
        unmetPreferences = unmet
    }

    /// Imports satisfied by an empty instance, because they only declare types.
    public var typesOnly: [String] { entries.filter { $0.provider == .typesOnly }.map(\.name) }

    /// The imports nothing provides.
    public var missing: [String] { entries.filter { $0.provider == .none }.map(\.name) }

    /// The plugins this resolution uses, each once, in the order of the imports they serve.
    public var plugins: [any ImportProvider] {
        var seen: [any ImportProvider] = []
        for case .plugin(let provider) in entries.map(\.provider) where !seen.contains(where: { $0 === provider }) {
            seen.append(provider)
        }
        return seen
    }

    /// Defines, in `linker`, every import this resolution gives a plugin or an empty instance,
    /// for `store`: each plugin is attached to the store first. `importer` names who imports
    /// them in errors ("the guest", "plugin component x.wasm"). WASI is the linker's own.
    public func define(in linker: Linker, store: Store, importer: String) throws {
        for name in typesOnly { try linker.define(instance: name) { _ in } }
        for plugin in plugins { try plugin.attach(to: store) }
        for entry in entries {
            guard let plugin = entry.provider.plugin else { continue }
            try plugin.define(entry.item, in: linker, store: store, importer: importer)
        }
    }

    /// Throws naming the first import nothing provides, or that two providers offer.
    public func requireComplete() throws(HostError) {
        if let unmet = unmetPreferences.first {
            let offers = unmet.providers.isEmpty ? "nothing offers it" : "it is offered by "
                + unmet.providers.map(\.description).joined(separator: " and ")
            throw HostError("\(unmet.preference.text): \(unmet.preference.provider) does not serve the import \(unmet.name) (\(offers)); "
                + "name one of those, or `builtin` for WASI 0.2")
        }
        if let conflict = conflicts.first {
            throw HostError(
                "import \(conflict.name) is offered by \(conflict.providers.map(\.description).joined(separator: " and ")): "
                    + "remove all but one of them, or choose one with -P prefer=\(InterfaceName(conflict.name).unversioned)=NAME "
                    + "(a plugin's name, or builtin)")
        }
        if let wasi03 = missing.first(where: WASIInterfaces.isWASI03) {
            throw HostError("imports \(wasi03), a WASI 0.3 interface: \(WASIInterfaces.wasi03Explanation)")
        }
        if let http = missing.first(where: WASIInterfaces.providesHTTP) {
            throw HostError("imports \(http), wasi:http's client, which is off unless granted: "
                + "pass -S http to let the guest make outgoing HTTP requests")
        }
        guard let first = missing.first else { return }
        let others = missing.count > 1 ? " (and \(missing.count - 1) more: \(missing.dropFirst().joined(separator: ", ")))" : ""
        throw HostError(
            "imports \(first), which nothing provides\(others): add a plugin with -P plugin=..., -P component=... or -P import=... "
                + "(see `wasmplug run -P help`), or run `wasmplug inspect` to see every import")
    }
}

extension ComponentItem {
    /// An instance whose every item is a type: nothing needs to be provided at run time.
    var declaresOnlyTypes: Bool {
        guard case .instance(let items) = self else { return false }
        return items.allSatisfy { if case .type = $0.item { true } else { false } }
    }
}
