import Foundation
import WasmPlugProvider

/// A run configuration file (`--config app.toml`, docs/configuration.md), read into the same
/// option items the command line gives: each `[[plugin]]` table is one `-P` item, `[wasi]`,
/// `[wasm]` and `[codegen]` are `-S`, `-W` and `-C` items, `[env]` is `--env`, `dirs` is
/// `--dir`, and `[routes]` are `-P import=` and `-P prefer=` items. Each item remembers its
/// line, so the parsers that read the command line's items name the file and line for it.
public struct RunConfiguration: Sendable {
    /// The file, as it was named.
    public var file: String
    public var plugins: [OptionItem] = []
    public var wasi: [OptionItem] = []
    public var wasm: [OptionItem] = []
    public var codegen: [OptionItem] = []
    /// `NAME=VALUE` items, as `--env` takes them.
    public var environment: [OptionItem] = []
    /// `HOST::GUEST` items, as `--dir` takes them.
    public var dirs: [OptionItem] = []

    /// The tables and top-level keys a run configuration has.
    public static let tables = ["[[plugin]]", "[routes]", "[wasi]", "[wasm]", "[codegen]", "[env]", "dirs"]

    /// Reads the file at `path`.
    public init(contentsOfFile path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(HostError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw HostError("--config \(path): cannot read the file (\(error.localizedDescription)); give the path of a UTF-8 TOML file")
        }
        try self.init(parsing: text, file: path, environment: environment)
    }

    /// Reads `text`, the contents of `file`; `{ env = "VAR" }` values come from `environment`.
    public init(parsing text: String, file: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(HostError) {
        self.file = file
        let document: TOMLDocument
        do {
            document = try TOMLReader.read(text, file: file)
        } catch {
            throw HostError(error.description)
        }
        var values = ConfigValues(file: file, environment: environment)
        for section in document.sections {
            switch (section.path, section.isArrayElement) {
            case ([], false):
                for entry in section.entries {
                    guard entry.key == "dirs" else {
                        throw values.failure("unknown top-level key '\(entry.key)'; the file has \(Self.tables.joined(separator: ", ")) "
                            + "(docs/configuration.md)", entry.line)
                    }
                    dirs += try values.strings(entry, in: "dirs").map { OptionItem($0, origin: values.origin(entry.line)) }
                }
            case (["plugin"], true):
                plugins.append(try values.pluginItem(section))
            case (["routes"], false):
                plugins += try section.entries.map { entry throws(HostError) in try values.routeItem(entry) }
            case (["wasi"], false): wasi = try values.groupItems(section)
            case (["wasm"], false): wasm = try values.groupItems(section)
            case (["codegen"], false): codegen = try values.groupItems(section)
            case (["env"], false):
                self.environment = try section.entries.map { entry throws(HostError) in
                    OptionItem("\(entry.key)=\(try values.text(entry, in: "[env]", allowingCommas: true))", origin: values.origin(entry.line))
                }
            default:
                throw values.failure("unknown table \(section.header); the file has \(Self.tables.joined(separator: ", ")) "
                    + "(docs/configuration.md)", section.line)
            }
        }
    }
}
