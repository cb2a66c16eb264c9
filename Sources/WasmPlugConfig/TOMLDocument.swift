/// A TOML document read by ``TOMLReader``: its sections in file order, each entry with the
/// line it was written on, so every later complaint can name the file and the line.
public struct TOMLDocument: Sendable {
    /// The keys before any header (path `[]`), then one section per `[table]` or `[[array]]` header.
    public var sections: [TOMLSection]
}

/// The entries under one header.
public struct TOMLSection: Sendable {
    /// The header's dotted name, `[]` for the keys before any header.
    public var path: [String]
    /// `[[name]]`: one element of an array of tables.
    public var isArrayElement: Bool
    /// The header's line (1 for the keys before any header).
    public var line: Int
    public var entries: [TOMLEntry] = []

    /// How the header is written: `[wasi]`, `[[plugin]]`.
    public var header: String {
        let name = path.joined(separator: ".")
        return isArrayElement ? "[[\(name)]]" : "[\(name)]"
    }
}

/// `key = value`, on `line`.
public struct TOMLEntry: Sendable {
    public var key: String
    public var value: TOMLValue
    public var line: Int
}

/// A TOML value of the kinds a run configuration uses.
public indirect enum TOMLValue: Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue])
    /// An inline table, `{ env = "TOKEN" }`.
    case table([TOMLEntry])

    /// What the value is, for messages: "a string", "an array".
    public var kindName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "an inline table"
        }
    }
}
