import WasmPlugEngine

/// What a trusted plugin component may reach through wasi:dl. Nothing by default.
///
/// Built in code or read from a policy file (see ``init(contentsOfFile:)`` and
/// docs/wasi-dl.md). Every refusal names the rule and the policy's source.
public struct DLPolicy: Sendable {
    /// One library the policy allows.
    public struct Library: Equatable, Sendable {
        /// The path or name, matched exactly against what the guest passes to `library.open`.
        public var path: String
        /// The symbols the guest may look up; `nil` allows every symbol.
        public var symbols: Set<String>?
        /// Exact signatures that functions made from these symbols must have.
        public var signatures: [String: CSignature]
        /// Typed native imports: WIT functions of a trusted component bound to symbols of this library.
        public var imports: [TypedImport]

        public init(path: String, symbols: Set<String>? = nil, signatures: [String: CSignature] = [:], imports: [TypedImport] = []) {
            self.path = path
            self.symbols = symbols
            self.signatures = signatures
            self.imports = imports
        }
    }

    /// A WIT function a trusted component imports (`interface#function`), bound to a C function:
    /// the policy file's `"wasmplug:sqlite/native#open" = "sqlite3_open_v2: sint32(cstring, pointer, sint32, pointer)"`.
    public struct TypedImport: Equatable, Sendable {
        /// The WIT interface, with or without a version (without, it matches every version).
        public var interface: String
        public var function: String
        public var symbol: String
        public var signature: CSignature

        public init(interface: String, function: String, symbol: String, signature: CSignature) {
            self.interface = interface
            self.function = function
            self.symbol = symbol
            self.signature = signature
        }

        /// Whether the import `name` of a component is this binding's interface.
        func binds(_ name: String) -> Bool {
            interface == name || (!interface.contains("@") && InterfaceName(name).unversioned == interface)
        }
    }

    public var libraries: [Library]
    /// Where the policy came from, for messages: a file's path, or a phrase.
    public var source: String

    public init(libraries: [Library] = [], source: String = "the dl policy given in code") {
        self.libraries = libraries
        self.source = source
    }

    /// The binding of `function` of the imported interface `name`, with its library's rule.
    func typedImport(_ function: String, of name: String) -> (import: TypedImport, library: Library)? {
        for library in libraries {
            if let binding = library.imports.first(where: { $0.function == function && $0.binds(name) }) { return (binding, library) }
        }
        return nil
    }

    /// The library rule for `path`, or `not-allowed` naming what the policy allows.
    func library(_ path: String) throws(DLError) -> Library {
        if let library = libraries.first(where: { $0.path == path }) { return library }
        let allowed = libraries.isEmpty ? "allows no libraries" : "allows: \(libraries.map(\.path).joined(separator: ", "))"
        throw DLError(.notAllowed, "library \(path) is not in the dl policy (\(source) \(allowed))")
    }

    /// Throws `not-allowed` unless `library` lets the guest look up `symbol`.
    func checkSymbol(_ symbol: String, in library: Library) throws(DLError) {
        guard let symbols = library.symbols, !symbols.contains(symbol) else { return }
        throw DLError(.notAllowed, "symbol \(symbol) of \(library.path) is not in the dl policy (\(source) allows: "
            + "\(symbols.sorted().joined(separator: ", ")))")
    }

    /// Throws `invalid-signature` when `library` pins `symbol` to another signature.
    func checkSignature(_ signature: CSignature, of symbol: String, in library: Library) throws(DLError) {
        guard let pinned = library.signatures[symbol], pinned != signature else { return }
        throw DLError(.invalidSignature, "\(symbol) of \(library.path) must have the signature \(pinned) "
            + "(\(source) says so), not \(signature)")
    }
}
