/// A plugin component given on the command line: `-P component=kv.wasm,trusted,dl-policy=dl.toml`.
public struct ComponentPluginSpecification: Sendable, Equatable {
    /// The component file.
    public var path: String
    /// Whether the component may import wasi:dl (native code, under ``dlPolicy``).
    public var trusted = false
    /// The dl policy file of a trusted component; none allows nothing.
    public var dlPolicy: String?

    /// Parses the text after `-P`.
    public init(parsing text: String) throws(HostError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.hasPrefix("component="), first.count > "component=".count else {
            throw HostError("-P '\(text)': write -P component=PATH[,trusted][,dl-policy=FILE], e.g. -P component=kv.wasm")
        }
        path = String(first.dropFirst("component=".count))
        for part in parts.dropFirst() {
            if part == "trusted" {
                trusted = true
            } else if part.hasPrefix("dl-policy="), part.count > "dl-policy=".count {
                dlPolicy = String(part.dropFirst("dl-policy=".count))
            } else {
                throw HostError("-P \(text): unknown option '\(part)'; a plugin component takes trusted and dl-policy=FILE")
            }
        }
        if dlPolicy != nil && !trusted {
            throw HostError("-P \(text): dl-policy= only applies to a trusted component; add ,trusted if you trust \(path) "
                + "to run native code")
        }
    }
}
