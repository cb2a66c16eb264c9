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

        public init(path: String, symbols: Set<String>? = nil, signatures: [String: CSignature] = [:]) {
            self.path = path
            self.symbols = symbols
            self.signatures = signatures
        }
    }

    public var libraries: [Library]
    /// Where the policy came from, for messages: a file's path, or a phrase.
    public var source: String

    public init(libraries: [Library] = [], source: String = "the dl policy given in code") {
        self.libraries = libraries
        self.source = source
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
