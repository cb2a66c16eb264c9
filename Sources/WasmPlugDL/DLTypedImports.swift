import WasmPlugEngine
import WasmPlugProvider

/// Serves a trusted component's typed native imports: WIT interfaces of its own whose
/// functions the dl policy binds, in `[library.imports]` tables, to symbols of its libraries.
///
/// Each import is checked against its C signature and prepared for libffi once, when it is
/// linked; a call is then one host call and one `ffi_call` (see ``DLTypedFunction``). The
/// policy's rules apply as for wasi:dl: the library must be listed, the symbol allowed and a
/// pinned signature respected.
public final class DLTypedImports: ImportProvider {
    public let policy: DLPolicy

    public init(policy: DLPolicy) {
        self.policy = policy
    }

    public var description: String { "typed native imports (policy: \(policy.source))" }

    public func serves(_ name: String) -> Bool {
        policy.libraries.contains { $0.imports.contains { $0.binds(name) } }
    }

    public func define(_ item: NamedItem, in linker: Linker, store: Store, importer: String) throws {
        try define(item, in: linker)
    }

    /// Defines the import `item` in `linker`: every one of its functions must be bound by the
    /// policy, with a C signature its WIT type matches.
    public func define(_ item: NamedItem, in linker: Linker) throws {
        var libraries: [String: DLLibrary] = [:]
        var functions: [(name: String, function: DLTypedFunction)] = []
        for member in item.item.instanceItems {
            let name = "\(item.name)#\(member.name)"
            guard case .function(let type) = member.item else {
                throw HostError("\(name): typed native imports are functions only; use wasi:dl for resources")
            }
            guard let (binding, rule) = policy.typedImport(member.name, of: item.name) else {
                throw HostError("\(name) is imported, but the dl policy (\(policy.source)) binds no native function to it: "
                    + "add \"\(InterfaceName(item.name).unversioned)#\(member.name)\" = \"SYMBOL: SIGNATURE\" to a [library.imports] table")
            }
            let function: DLFunction
            do throws(DLError) {
                let library: DLLibrary
                if let opened = libraries[rule.path] {
                    library = opened
                } else {
                    library = try DLLibrary(opening: rule, policy: policy)
                    libraries[rule.path] = library
                }
                function = try DLFunction(symbol: library.symbol(binding.symbol), signature: binding.signature)
            } catch {
                throw HostError("\(name): \(error.message)")
            }
            functions.append((member.name, try DLTypedFunction(name: name, type: type, function: function)))
        }
        try linker.define(instance: item.name) { instance in
            for (name, function) in functions {
                try instance.rawFunction(name) { caller, arguments, result in try function.call(arguments, result, memory: .of(caller)) }
            }
        }
    }
}
