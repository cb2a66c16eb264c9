import WasmPlugEngine
import WasmPlugProvider

/// Finds an exported function by the name a person types.
///
/// Accepts a root export (`add`), an interface-qualified name with or without the version
/// (`wasmplug:test/echo#echo-string`), or a bare function name exported by exactly one
/// interface (`echo-string`).
public enum ExportLookup {
    /// The export path of `name` (`["add"]` or `["iface@1.0.0", "f"]`).
    public static func path(of name: String, in exports: [NamedItem]) throws(HostError) -> [String] {
        if let hash = name.lastIndex(of: "#") {
            let interface = String(name[..<hash]), function = String(name[name.index(after: hash)...])
            for export in exports where export.name == interface || InterfaceName(export.name).unversioned == interface {
                if export.item.instanceItems.contains(where: { $0.name == function && $0.item.isFunction }) {
                    return [export.name, function]
                }
            }
            throw HostError("the component exports no function '\(name)'; it exports: \(listing(exports))")
        }
        if exports.contains(where: { $0.name == name && $0.item.isFunction }) { return [name] }
        let matches = exports.filter { export in
            export.item.instanceItems.contains { $0.name == name && $0.item.isFunction }
        }
        switch matches.count {
        case 1: return [matches[0].name, name]
        case 0: throw HostError("the component exports no function '\(name)'; it exports: \(listing(exports))")
        default:
            throw HostError(
                "'\(name)' is exported by several interfaces; qualify it as one of: "
                    + matches.map { "\($0.name)#\(name)" }.joined(separator: ", "))
        }
    }

    /// Every exported function, qualified, for messages.
    static func listing(_ exports: [NamedItem]) -> String {
        let names = exports.flatMap { export -> [String] in
            if export.item.isFunction { return [export.name] }
            return export.item.instanceItems.filter { $0.item.isFunction }.map { "\(export.name)#\($0.name)" }
        }
        guard !names.isEmpty else { return "no functions" }
        return names.prefix(12).joined(separator: ", ") + (names.count > 12 ? ", …" : "")
    }
}

extension ComponentItem {
    var isFunction: Bool {
        if case .function = self { return true }
        return false
    }
}
