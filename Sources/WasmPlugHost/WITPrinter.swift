import WasmPlugEngine
import WasmPlugProvider
import WasmPlugWAVE

/// Renders a component's imports and exports as WIT, marking who provides each import.
///
/// Types are printed structurally (`record { x: s32 }`): a compiled component keeps the
/// shape of its types but not the names its WIT gave them.
public enum WITPrinter {
    public static func render(_ type: ComponentType, name: String, resolution: ImportResolution) -> String {
        var lines = ["// \(name)", "world root {"]
        let providers = Dictionary(resolution.entries.map { ($0.name, $0.provider) }, uniquingKeysWith: { a, _ in a })
        for item in type.imports {
            let marker = marker(item.name, provider: providers[item.name] ?? .none, resolution: resolution)
            render(item, keyword: "import", note: marker, into: &lines)
        }
        for item in type.exports {
            render(item, keyword: "export", note: nil, into: &lines)
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// What `inspect` says of who provides the import `name`.
    private static func marker(_ name: String, provider: Provider, resolution: ImportResolution) -> String {
        if let conflict = resolution.conflicts.first(where: { $0.name == name }) {
            return "CONFLICT: offered by \(conflict.providers.map(\.description).joined(separator: " and ")); choose one with -P prefer="
        }
        if provider != .none { return "provided: \(provider)" }
        return WASIInterfaces.isWASI03(name) ? "NOT PROVIDED: WASI 0.3 needs an engine this runtime does not have yet"
            : WASIInterfaces.providesHTTP(name) ? "NOT PROVIDED: wasi:http's client is off; -S http grants it"
            : "NOT PROVIDED: add a plugin with -P"
    }

    private static func render(_ item: NamedItem, keyword: String, note: String?, into lines: inout [String]) {
        let comment = note.map { "  // \($0)" } ?? ""
        switch item.item {
        case .function(let function):
            lines.append("  \(keyword) \(quoted(item.name)): \(function);\(comment)")
        case .instance(let members):
            lines.append("  \(keyword) \(item.name): interface {\(comment)")
            for member in members {
                switch member.item {
                case .function(let function): lines.append("    \(quoted(member.name)): \(function);")
                case .resource: lines.append("    resource \(member.name);")
                case .type(let type): lines.append("    type \(member.name) = \(WAVE.describe(type));")
                default: lines.append("    // \(member.name): \(kindName(member.item))")
                }
            }
            lines.append("  }")
        case .resource:
            lines.append("  \(keyword) resource \(item.name);\(comment)")
        case .type(let type):
            lines.append("  \(keyword) type \(item.name) = \(WAVE.describe(type));\(comment)")
        default:
            lines.append("  // \(keyword) \(item.name): \(kindName(item.item))\(comment)")
        }
    }

    /// Names with brackets or dots (`[method]counter.increment`) are quoted to stay readable.
    private static func quoted(_ name: String) -> String {
        name.contains("[") ? "\"\(name)\"" : name
    }

    private static func kindName(_ item: ComponentItem) -> String {
        switch item {
        case .component: "component"
        case .module: "core module"
        case .coreFunction: "core function"
        default: "item"
        }
    }
}
