/// A line-numbered failure to read a TOML file: `app.toml:7: expected '=' after the key 'fuel'`.
public struct TOMLError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// Reads the TOML a run configuration needs: comments, `[table]` and `[[array]]` headers,
/// bare and quoted keys, basic and literal strings, integers, floats, booleans, arrays (which
/// may span lines) and inline tables. What it does not read (multi-line strings, dates, dotted
/// keys) is refused with the line, never misread.
public struct TOMLReader {
    private let file: String
    private let characters: [Character]
    private var position = 0
    private var line = 1

    /// Reads `text`, the contents of `file` (which errors name).
    public static func read(_ text: String, file: String) throws(TOMLError) -> TOMLDocument {
        // One Character per scalar, so "\r\n" is two and every line end is seen.
        var reader = TOMLReader(file: file, characters: text.unicodeScalars.map(Character.init))
        return try reader.document()
    }

    private init(file: String, characters: [Character]) {
        self.file = file
        self.characters = characters
    }

    private func failure(_ message: String, line: Int? = nil) -> TOMLError {
        TOMLError(file: file, line: line ?? self.line, message: message)
    }

    private var current: Character? { position < characters.count ? characters[position] : nil }

    private mutating func advance() {
        if current == "\n" { line += 1 }
        position += 1
    }

    /// Skips spaces and tabs; with `newlines`, also line ends and comments.
    private mutating func skipBlank(newlines: Bool = false) {
        while let character = current {
            if character == " " || character == "\t" || character == "\r" {
                advance()
            } else if newlines && character == "\n" {
                advance()
            } else if newlines && character == "#" {
                skipComment()
            } else {
                return
            }
        }
    }

    private mutating func skipComment() {
        while let character = current, character != "\n" { advance() }
    }

    /// Requires the rest of the line to be blank or a comment.
    private mutating func endOfLine(after what: String) throws(TOMLError) {
        skipBlank()
        if current == "#" { skipComment() }
        guard current == nil || current == "\n" else {
            throw failure("unexpected text after \(what); put one key = value or [table] on each line")
        }
    }

    private mutating func document() throws(TOMLError) -> TOMLDocument {
        var sections = [TOMLSection(path: [], isArrayElement: false, line: 1)]
        var tables: Set<[String]> = []
        while true {
            skipBlank(newlines: true)
            guard let character = current else { break }
            if character == "[" {
                let section = try header()
                if !section.isArrayElement {
                    guard tables.insert(section.path).inserted else {
                        throw failure("table \(section.header) appears twice; merge its keys into one table", line: section.line)
                    }
                }
                sections.append(section)
                continue
            }
            let entryLine = line
            let key = try self.key()
            skipBlank()
            if current == "." { throw failure("dotted keys such as '\(key).…' are not read here; write a [table] or an inline table") }
            guard current == "=" else { throw failure("expected '=' after the key '\(key)'") }
            advance()
            skipBlank()
            let value = try self.value()
            try endOfLine(after: "the value of '\(key)'")
            let index = sections.count - 1
            guard !sections[index].entries.contains(where: { $0.key == key }) else {
                throw failure("the key '\(key)' appears twice in \(index == 0 ? "the top level" : sections[index].header)", line: entryLine)
            }
            sections[index].entries.append(TOMLEntry(key: key, value: value, line: entryLine))
        }
        return TOMLDocument(sections: sections)
    }

    private mutating func header() throws(TOMLError) -> TOMLSection {
        let headerLine = line
        advance()
        let isArray = current == "["
        if isArray { advance() }
        var path: [String] = []
        repeat {
            skipBlank()
            path.append(try key())
            skipBlank()
        } while consume(".")
        guard consume("]"), !isArray || consume("]") else {
            throw failure("a table header ends with \(isArray ? "]]" : "]"), as in \(isArray ? "[[plugin]]" : "[wasi]")")
        }
        try endOfLine(after: "the table header")
        return TOMLSection(path: path, isArrayElement: isArray, line: headerLine)
    }

    private mutating func consume(_ character: Character) -> Bool {
        guard current == character else { return false }
        advance()
        return true
    }

    /// A bare key (letters, digits, `-`, `_`) or a quoted one.
    private mutating func key() throws(TOMLError) -> String {
        if current == "\"" || current == "'" { return try string() }
        var key = ""
        while let character = current, character.isLetter || character.isNumber || character == "-" || character == "_" {
            key.append(character)
            advance()
        }
        guard !key.isEmpty else { throw failure("expected a key, a [table] header or a # comment") }
        return key
    }

    private mutating func value() throws(TOMLError) -> TOMLValue {
        switch current {
        case "\"", "'": return .string(try string())
        case "[": return .array(try array())
        case "{": return .table(try inlineTable())
        case nil, "\n": throw failure("a value is missing after '='")
        default: return try scalar()
        }
    }

    /// A basic (`"…"`, with escapes) or literal (`'…'`) string on one line.
    private mutating func string() throws(TOMLError) -> String {
        let quote = current!
        advance()
        if current == quote, position + 1 < characters.count, characters[position + 1] == quote {
            throw failure("multi-line strings (\(String(repeating: quote, count: 3))) are not read here; keep the string on one line")
        }
        var result = ""
        while let character = current, character != "\n" {
            advance()
            if character == quote { return result }
            guard quote == "\"", character == "\\" else {
                result.append(character)
                continue
            }
            let escaped = current
            advance()
            switch escaped {
            case "\"": result.append("\"")
            case "\\": result.append("\\")
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            default: throw failure("unsupported escape '\\\(escaped.map(String.init) ?? "")'; use \\\\, \\\", \\n, \\t or \\r")
            }
        }
        throw failure("unterminated string; close it with \(quote) on the same line")
    }

    /// `[v, v, …]`, which may span lines and hold comments.
    private mutating func array() throws(TOMLError) -> [TOMLValue] {
        let start = line
        advance()
        var elements: [TOMLValue] = []
        while true {
            skipBlank(newlines: true)
            if consume("]") { return elements }
            guard current != nil else { throw failure("this array is never closed with ']'", line: start) }
            elements.append(try value())
            skipBlank(newlines: true)
            guard consume(",") || current == "]" else { throw failure("expected ',' or ']' in the array") }
        }
    }

    /// `{ key = value, … }` on one line.
    private mutating func inlineTable() throws(TOMLError) -> [TOMLEntry] {
        advance()
        var entries: [TOMLEntry] = []
        skipBlank()
        if consume("}") { return entries }
        while true {
            skipBlank()
            let key = try self.key()
            skipBlank()
            guard consume("=") else { throw failure("expected '=' after the key '\(key)' in the inline table") }
            skipBlank()
            guard !entries.contains(where: { $0.key == key }) else { throw failure("the key '\(key)' appears twice in the inline table") }
            entries.append(TOMLEntry(key: key, value: try value(), line: line))
            skipBlank()
            if consume("}") { return entries }
            guard consume(",") else { throw failure("expected ',' or '}' in the inline table (it must fit on one line)") }
        }
    }

    private static let valueEnds: Set<Character> = [" ", "\t", "\r", "\n", ",", "]", "}", "#"]

    /// `true`, `false`, an integer or a float.
    private mutating func scalar() throws(TOMLError) -> TOMLValue {
        var text = ""
        while let character = current, !Self.valueEnds.contains(character) {
            text.append(character)
            advance()
        }
        if text == "true" { return .boolean(true) }
        if text == "false" { return .boolean(false) }
        let digits = String(text.filter { $0 != "_" })
        if let integer = Int64(digits) { return .integer(integer) }
        if digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let number = Double(digits) { return .float(number) }
        throw failure("'\(text)' is not a value: quote a string (\"\(text)\"), or write a number, true or false")
    }
}
