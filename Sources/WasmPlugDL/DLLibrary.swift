import CFFI

/// A library opened with `dlopen`; closed when the last object made from it goes away.
public final class DLLibrary {
    public let path: String
    private let handle: UnsafeMutableRawPointer
    let rule: DLPolicy.Library
    let policy: DLPolicy

    init(path: String, mode: Int32, rule: DLPolicy.Library, policy: DLPolicy) throws(DLError) {
        guard let handle = dlopen(path, mode) else {
            throw DLError(.notFound, "cannot open library \(path): \(dynamicLoaderError() ?? "unknown error")")
        }
        self.path = path
        self.handle = handle
        self.rule = rule
        self.policy = policy
    }

    /// Opens the library of `rule` as `library.open` does by default (`now`, `local`).
    convenience init(opening rule: DLPolicy.Library, policy: DLPolicy) throws(DLError) {
        try self.init(path: rule.path, mode: RTLD_NOW | RTLD_LOCAL, rule: rule, policy: policy)
    }

    deinit {
        dlclose(handle)
    }

    /// The symbol `name`, when the policy allows it and the library (or one it loaded) has it.
    public func symbol(_ name: String) throws(DLError) -> DLSymbol {
        try policy.checkSymbol(name, in: rule)
        _ = dlerror()  // clears an earlier error, so a NULL result can be told apart from a failure
        guard let address = dlsym(handle, name) else {
            throw DLError(.notFound, "symbol \(name) not found in \(path)\(dynamicLoaderError().map { ": \($0)" } ?? "")")
        }
        return DLSymbol(library: self, name: name, address: address)
    }

    /// The global variable `name`, read and written as `type`.
    public func global(_ name: String, type: CType) throws(DLError) -> DLGlobal {
        try DLGlobal(symbol: symbol(name), type: type)
    }
}

/// A symbol of an open library; keeps the library open.
public final class DLSymbol {
    public let library: DLLibrary
    public let name: String
    let address: UnsafeMutableRawPointer

    init(library: DLLibrary, name: String, address: UnsafeMutableRawPointer) {
        self.library = library
        self.name = name
        self.address = address
    }
}

/// The dynamic loader's last error message, if any.
private func dynamicLoaderError() -> String? {
    dlerror().map { String(cString: $0) }
}
