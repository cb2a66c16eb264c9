import WasmPlugEngine

/// Swift spellings of WIT names.
enum SwiftName {
    private static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "func", "import", "init", "inout", "let", "operator",
        "protocol", "static", "struct", "subscript", "typealias", "var", "break", "case", "continue", "default", "defer",
        "do", "else", "for", "guard", "if", "in", "repeat", "return", "switch", "where", "while", "as", "false", "is",
        "nil", "self", "Self", "super", "throw", "throws", "true", "try", "Type", "Any", "some", "any",
    ]

    /// `no-such-store` → `noSuchStore`, escaped when it is a keyword.
    static func member(_ name: String) -> String {
        let words = name.split(separator: "-").map(String.init)
        let joined = (words.first ?? "") + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        let identifier = String(joined.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        return keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// Standard library names a generated type must not shadow.
    private static let standardTypes: Set<String> = [
        "Error", "Result", "String", "Bool", "Optional", "Array", "Dictionary", "Set", "Int", "Float", "Double",
        "Character", "Type", "Any", "Never", "Void", "Equatable", "Hashable",
    ]

    /// `key-response` → `KeyResponse`.
    static func type(_ name: String) -> String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A WIT type's Swift name: `error` in interface `store` becomes `StoreError`, so that it
    /// does not shadow Swift's own `Error`.
    static func type(_ name: String, inInterface interface: String) -> String {
        let candidate = type(name)
        guard standardTypes.contains(candidate) else { return candidate }
        let parsed = InterfaceName(interface)
        let short = parsed.interface ?? parsed.package
        return type(short) + candidate
    }

    /// `[method]bucket.list-keys` → `bucketListKeys`; `[constructor]counter` → `counterNew`.
    static func function(_ name: String) -> String {
        var base = name
        if base.hasPrefix("[constructor]") { base = String(base.dropFirst("[constructor]".count)) + "-new" }
        for marker in ["[method]", "[static]"] where base.hasPrefix(marker) { base = String(base.dropFirst(marker.count)) }
        return member(base.replacingOccurrences(of: ".", with: "-"))
    }
}
