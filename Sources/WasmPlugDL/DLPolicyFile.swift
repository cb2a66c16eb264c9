import Foundation

/// A policy file that cannot be used: names the file, the line and what to do.
public struct DLPolicyError: Error, CustomStringConvertible, Sendable {
    public var file: String
    /// The 1-based line, when the problem is on one line.
    public var line: Int?
    public var message: String

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

extension DLPolicy {
    /// Reads a policy file: a small subset of TOML (see docs/wasi-dl.md).
    ///
    /// ```toml
    /// [[library]]
    /// path = "libsqlite3.so.0"
    /// symbols = ["sqlite3_libversion_number"]   # optional; absent allows every symbol
    /// [library.signatures]                       # optional
    /// sqlite3_libversion_number = "sint32()"
    /// [library.imports]                          # optional: typed native imports
    /// "wasmplug:sqlite/native#version" = "sqlite3_libversion_number: sint32()"
    /// ```
    public init(contentsOfFile path: String) throws(DLPolicyError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DLPolicyError(file: path, message: "cannot read the dl policy file (\(error.localizedDescription)); "
                + "pass the path of a readable UTF-8 TOML file")
        }
        try self.init(parsing: text, file: path)
    }

    /// Reads a policy from the text of the file `file` (named in messages and in refusals).
    public init(parsing text: String, file: String) throws(DLPolicyError) {
        var parser = PolicyParser(file: file)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            do throws(PolicyParser.LineError) {
                try parser.read(line)
            } catch {
                throw DLPolicyError(file: file, line: index + 1, message: error.message)
            }
        }
        self.init(libraries: try parser.finish(), source: file)
    }
}

/// Reads a policy file line by line.
private struct PolicyParser {
    struct LineError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// A library table being read, with the line it started on.
    private struct Pending {
        var library = DLPolicy.Library(path: "")
        var hasPath = false
        var line: Int
    }

    private enum Table { case none, library, signatures, imports }

    let file: String
    private var libraries: [Pending] = []
    private var table = Table.none
    private var lineNumber = 0

    init(file: String) { self.file = file }

    mutating func read(_ line: Substring) throws(LineError) {
        lineNumber += 1
        var scanner = LineScanner(line)
        guard !scanner.atEndOfContent else { return }
        if scanner.skip("[") {
            try header(&scanner)
            return
        }
        let key = try scanner.key()
        guard scanner.skip("=") else { throw LineError("expected '=' after the key '\(key)'") }
        let value = try scanner.value()
        guard scanner.atEndOfContent else { throw LineError("unexpected text after the value of '\(key)'") }
        try assign(key, value)
    }

    private mutating func header(_ scanner: inout LineScanner) throws(LineError) {
        let isArray = scanner.skip("[")
        let name = scanner.rest.prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
        scanner.advance(past: "]")
        if isArray { scanner.advance(past: "]") }
        guard scanner.atEndOfContent else { throw LineError("unexpected text after the table header") }
        switch (isArray, name) {
        case (true, "library"):
            libraries.append(Pending(line: lineNumber))
            table = .library
        case (false, "library.signatures"), (false, "library.imports"):
            guard !libraries.isEmpty else { throw LineError("[\(name)] must follow a [[library]] table") }
            table = name == "library.imports" ? .imports : .signatures
        default:
            throw LineError("unknown table \(isArray ? "[[\(name)]]" : "[\(name)]"); a dl policy has [[library]] "
                + "tables, each optionally followed by [library.signatures] and [library.imports]")
        }
    }

    private mutating func assign(_ key: String, _ value: LineScanner.Value) throws(LineError) {
        switch (table, key, value) {
        case (.none, _, _):
            throw LineError("'\(key)' is outside any table; start a library with [[library]]")
        case (.library, "path", .string(let path)):
            guard !path.isEmpty else { throw LineError("path is empty; give a library's path or file name") }
            libraries[libraries.count - 1].library.path = path
            libraries[libraries.count - 1].hasPath = true
        case (.library, "symbols", .array(let symbols)):
            libraries[libraries.count - 1].library.symbols = Set(symbols)
        case (.library, "path", _), (.library, "symbols", _):
            throw LineError("'\(key)' must be \(key == "path" ? "a string" : "an array of strings")")
        case (.library, _, _):
            throw LineError("unknown key '\(key)' in [[library]]; expected path, symbols or a [library.signatures] table")
        case (.signatures, _, .string(let text)):
            do {
                libraries[libraries.count - 1].library.signatures[key] = try CSignature(parsing: text)
            } catch {
                throw LineError(error.description)
            }
        case (.signatures, _, .array):
            throw LineError("the signature of '\(key)' must be a string such as \"sint32(pointer)\"")
        case (.imports, _, .string(let text)):
            libraries[libraries.count - 1].library.imports.append(try Self.typedImport(key, text))
        case (.imports, _, .array):
            throw LineError("the binding of '\(key)' must be a string such as \"strlen: uint64(cstring)\"")
        }
    }

    /// `"interface#function" = "symbol: signature"`, a typed native import.
    private static func typedImport(_ key: String, _ text: String) throws(LineError) -> DLPolicy.TypedImport {
        let name = key.split(separator: "#", omittingEmptySubsequences: false)
        guard name.count == 2, name[0].contains(":"), name[0].contains("/"), !name[1].isEmpty else {
            throw LineError("'\(key)' is not a WIT function: write \"namespace:package/interface#function\"")
        }
        guard let colon = text.firstIndex(of: ":"), case let symbol = text[..<colon].trimmingCharacters(in: .whitespaces),
              !symbol.isEmpty
        else { throw LineError("the binding of '\(key)' must be \"symbol: signature\", such as \"strlen: uint64(cstring)\"") }
        do {
            let signature = try CSignature(parsing: String(text[text.index(after: colon)...]))
            return .init(interface: String(name[0]), function: String(name[1]), symbol: symbol, signature: signature)
        } catch {
            throw LineError(error.description)
        }
    }

    func finish() throws(DLPolicyError) -> [DLPolicy.Library] {
        var seen: Set<String> = [], bound: Set<String> = []
        for pending in libraries {
            for binding in pending.library.imports where !bound.insert("\(binding.interface)#\(binding.function)").inserted {
                throw DLPolicyError(file: file, line: pending.line,
                                    message: "\(binding.interface)#\(binding.function) is bound twice; keep one binding")
            }
            guard pending.hasPath else {
                throw DLPolicyError(file: file, line: pending.line, message: "this [[library]] has no path; add path = \"...\"")
            }
            guard seen.insert(pending.library.path).inserted else {
                throw DLPolicyError(file: file, line: pending.line,
                                    message: "library \(pending.library.path) appears twice; merge its tables")
            }
        }
        return libraries.map(\.library)
    }
}

/// The tokens of one line of the TOML subset: keys, strings, arrays of strings, comments.
private struct LineScanner {
    enum Value { case string(String), array([String]) }

    private var characters: Substring

    init(_ line: Substring) {
        characters = line
        skipSpaces()
    }

    var rest: Substring { characters }

    /// Whether only spaces and a comment are left.
    var atEndOfContent: Bool { characters.isEmpty || characters.first == "#" }

    private mutating func skipSpaces() {
        characters = characters.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
    }

    mutating func skip(_ character: Character) -> Bool {
        guard characters.first == character else { return false }
        characters.removeFirst()
        skipSpaces()
        return true
    }

    mutating func advance(past character: Character) {
        if let index = characters.firstIndex(of: character) { characters = characters[characters.index(after: index)...] }
        skipSpaces()
    }

    mutating func key() throws(PolicyParser.LineError) -> String {
        if characters.first == "\"" || characters.first == "'" { return try string() }
        let key = characters.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        guard !key.isEmpty else { throw PolicyParser.LineError("expected a key, a [table] or a comment") }
        characters = characters.dropFirst(key.count)
        skipSpaces()
        return String(key)
    }

    mutating func value() throws(PolicyParser.LineError) -> Value {
        guard skip("[") else { return .string(try string()) }
        var elements: [String] = []
        while !skip("]") {
            elements.append(try string())
            guard skip(",") || characters.first == "]" else {
                throw PolicyParser.LineError("expected ',' or ']' in the array (arrays must fit on one line)")
            }
        }
        return .array(elements)
    }

    /// A basic ("...", with \\ escapes) or literal ('...') string.
    mutating func string() throws(PolicyParser.LineError) -> String {
        guard let quote = characters.first, quote == "\"" || quote == "'" else {
            throw PolicyParser.LineError("expected a quoted string")
        }
        characters.removeFirst()
        var result = ""
        while let character = characters.popFirst() {
            if character == quote {
                skipSpaces()
                return result
            }
            guard quote == "\"", character == "\\" else {
                result.append(character)
                continue
            }
            switch characters.popFirst() {
            case "\"": result.append("\"")
            case "\\": result.append("\\")
            case "n": result.append("\n")
            case "t": result.append("\t")
            default: throw PolicyParser.LineError("unsupported escape in a string; use \\\\, \\\", \\n or \\t")
            }
        }
        throw PolicyParser.LineError("unterminated string; close it with \(quote) on the same line")
    }
}
