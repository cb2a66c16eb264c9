import WasmPlugEngine

/// The resources a plugin defines, as host resource types whose objects carry the plugin's
/// representation numbers.
final class PluginResources {
    /// A plugin resource's representation, as the host's resource table keeps it.
    final class Representation {
        let rep: UInt32
        /// The per-store state of the plugin that made it, handed back to its drop function.
        let state: UnsafeMutableRawPointer?
        init(_ rep: UInt32, state: UnsafeMutableRawPointer?) {
            self.rep = rep
            self.state = state
        }
    }

    private let types: [String: HostResourceType]
    let plugin: String

    init(types: [String: HostResourceType], plugin: String) {
        self.types = types
        self.plugin = plugin
    }

    var all: [HostResourceType] { Array(types.values) }

    private func type(named name: String?) throws(WasmtimeError) -> HostResourceType {
        if let name, let type = types[name] { return type }
        if name == nil, types.count == 1 { return types.values.first! }
        throw WasmtimeError(.trap, "plugin \(plugin) defines no resource \(name ?? "(unnamed)")")
    }

    /// The plugin's representation behind a handle the guest passed; the store's table has
    /// already rejected forged, foreign and dropped handles by the time this returns.
    func representation(of handle: Value, named name: String?, caller: Caller) throws(WasmtimeError) -> UInt32 {
        let object = try caller.object(of: handle, as: try type(named: name))
        return (object as! Representation).rep
    }

    /// A new owned handle for a representation the plugin returned.
    func handle(for rep: UInt32, named name: String?, state: UnsafeMutableRawPointer?, caller: Caller) throws(WasmtimeError) -> Value {
        try caller.makeResource(Representation(rep, state: state), of: try type(named: name))
    }
}
