import Foundation
import WasmPlugProvider

/// Turns a run configuration's entries into option item texts, resolving `{ env = "VAR" }`
/// and `{ file = "PATH" }` values; every failure names the file and the line.
struct ConfigValues {
    let file: String
    let environment: [String: String]

    /// The keys that start a `-P` item of a kind, in the order they are looked for.
    static let kindKeys = ["plugin", "component", "protocol"]
    /// Keys that only an RPC plugin has: a table with one of them and no kind key is an RPC plugin.
    static let rpcKeys = ["import", "target"]

    func origin(_ line: Int) -> String { "\(file):\(line)" }

    func failure(_ message: String, _ line: Int) -> HostError { HostError("\(origin(line)): \(message)") }

    /// The text of a scalar value, or of a secret reference; `in` names the table for messages.
    func text(_ entry: TOMLEntry, in table: String, allowingCommas: Bool = false) throws(HostError) -> String {
        try text(entry.value, key: entry.key, line: entry.line, in: table, allowingCommas: allowingCommas)
    }

    private func text(_ value: TOMLValue, key: String, line: Int, in table: String, allowingCommas: Bool) throws(HostError) -> String {
        let text: String
        switch value {
        case .string(let string): text = string
        case .integer(let integer): text = String(integer)
        case .float(let number): text = String(number)
        case .boolean(let flag): text = flag ? "y" : "n"
        case .table(let entries): text = try secret(entries, key: key, line: line)
        case .array:
            throw failure("'\(key)' in \(table) is an array; give one value (only [[plugin]] keys may repeat)", line)
        }
        guard allowingCommas || !text.contains(",") else {
            throw failure("the value of '\(key)' in \(table) holds a ',', which separates options; it cannot be passed on", line)
        }
        return text
    }

    /// `{ env = "VAR" }`: the host's variable; `{ file = "PATH" }`: the file's contents without a final newline.
    private func secret(_ entries: [TOMLEntry], key: String, line: Int) throws(HostError) -> String {
        let usage = "write '\(key) = { env = \"VARIABLE\" }' or '\(key) = { file = \"PATH\" }'"
        guard entries.count == 1, let source = entries.first, case .string(let name) = source.value else {
            throw failure("the inline table of '\(key)' must name one source; \(usage)", line)
        }
        switch source.key {
        case "env":
            guard let value = environment[name] else {
                throw failure("'\(key)' takes its value from the environment variable \(name), which is not set; set it or write the value", line)
            }
            return value
        case "file":
            guard let contents = FileManager.default.contents(atPath: name) else {
                throw failure("'\(key)' takes its value from the file \(name), which cannot be read; check the path", line)
            }
            var value = String(decoding: contents, as: UTF8.self)
            while value.hasSuffix("\n") || value.hasSuffix("\r") { value.removeLast() }
            return value
        default:
            throw failure("'\(source.key)' is not a source of a value; \(usage)", line)
        }
    }

    /// Every string of an array (or the one string) `entry` holds.
    func strings(_ entry: TOMLEntry, in table: String) throws(HostError) -> [String] {
        guard case .array(let elements) = entry.value else { return [try text(entry, in: table)] }
        return try elements.map { element throws(HostError) in
            try text(element, key: entry.key, line: entry.line, in: table, allowingCommas: false)
        }
    }

    /// One `-P` item from a `[[plugin]]` table: its kind's key first, then the others in file
    /// order; `true` is a bare key (`trusted`), `false` leaves the key out, an array repeats it.
    func pluginItem(_ section: TOMLSection) throws(HostError) -> OptionItem {
        var pairs: [(key: String, text: String?)] = []
        for entry in section.entries {
            switch entry.value {
            case .boolean(let flag): if flag { pairs.append((entry.key, nil)) }
            case .array: pairs += try strings(entry, in: "[[plugin]]").map { (entry.key, $0) }
            default: pairs.append((entry.key, try text(entry, in: "[[plugin]]")))
            }
        }
        if let lead = Self.kindKeys.lazy.compactMap({ key in pairs.firstIndex { $0.key == key } }).first {
            pairs.insert(pairs.remove(at: lead), at: 0)
        } else if pairs.contains(where: { Self.rpcKeys.contains($0.key) }) {
            pairs.insert(("protocol", "wrpc+tcp"), at: 0)
        } else {
            throw failure("this [[plugin]] names no plugin; give plugin = \"NAME\" or \"PATH\", component = \"PATH\", "
                + "or protocol, target and import for an RPC plugin", section.line)
        }
        let text = pairs.map { pair in pair.text.map { "\(pair.key)=\($0)" } ?? pair.key }.joined(separator: ",")
        return OptionItem(text, origin: origin(section.line))
    }

    /// One `[routes]` entry: `"INTERFACE" = "wrpc+…://…"` is `-P import=INTERFACE=URL`; a
    /// plugin's name or `builtin` is `-P prefer=INTERFACE=NAME`.
    func routeItem(_ entry: TOMLEntry) throws(HostError) -> OptionItem {
        let target = try text(entry, in: "[routes]")
        let option = target.contains("://") ? "import" : "prefer"
        return OptionItem("\(option)=\(entry.key)=\(target)", origin: origin(entry.line))
    }

    /// The `-S`, `-W` or `-C` items of a `[wasi]`, `[wasm]` or `[codegen]` table: `key=value`,
    /// with `true`/`false` as `y`/`n`.
    func groupItems(_ section: TOMLSection) throws(HostError) -> [OptionItem] {
        try section.entries.map { entry throws(HostError) in
            OptionItem("\(entry.key)=\(try text(entry, in: section.header))", origin: origin(entry.line))
        }
    }
}
