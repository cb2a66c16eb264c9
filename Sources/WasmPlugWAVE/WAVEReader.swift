/// A cursor over WAVE text with the lexical rules that values and calls share: whitespace,
/// comments, labels, and the quoting of what was found for messages.
///
/// Offsets count Unicode scalars, the units WAVE's grammar is written in.
struct WAVEReader {
    /// The words WAVE reserves; a case, field or flag spelled like one is written with `%`.
    static let keywords: Set<String> = ["true", "false", "inf", "nan", "some", "none", "ok", "err"]

    let scalars: [Unicode.Scalar]
    var position = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    var atEnd: Bool { position >= scalars.count }

    func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    /// An error saying `summary` at `offset`, with `note` (a reason or a hint) after it.
    func error(_ summary: String, note: String? = nil, at offset: Int?) -> WAVEError {
        WAVEError(summary, note: note, offset: offset)
    }

    /// Moves past whitespace and `//` comments, which may stand between any two tokens.
    mutating func skipTrivia() {
        while let scalar = peek() {
            if Self.isSpace(scalar) {
                position += 1
            } else if scalar == "/", peek(1) == "/" {
                while let next = peek(), next != "\n" { position += 1 }
            } else {
                return
            }
        }
    }

    /// Moves past `scalar`, after any trivia, or throws saying what came instead.
    mutating func expect(_ scalar: Unicode.Scalar, after context: String) throws(WAVEError) {
        skipTrivia()
        guard peek() == scalar else {
            throw error("expected '\(scalar)' after \(context), found \(upcoming())", at: position)
        }
        position += 1
    }

    /// Moves past the scalars that `belongs` accepts and returns them.
    mutating func run(while belongs: (Unicode.Scalar) -> Bool) -> String {
        let start = position
        while let scalar = peek(), belongs(scalar) { position += 1 }
        return text(start..<position)
    }

    /// A label at the cursor (a case, field or flag name, starting with a letter), or nil,
    /// reading nothing, when there is none.
    mutating func label() -> Label? {
        let isEscaped = peek() == "%"
        guard let first = peek(isEscaped ? 1 : 0), first.isASCII, first.properties.isAlphabetic else { return nil }
        let start = position
        if isEscaped { position += 1 }
        return Label(name: run(while: Self.isLabelScalar), isEscaped: isEscaped, start: start)
    }

    /// The token at the cursor, quoted for a message: `"300"`, `"{"`, `string "abc"`, or `end of text`.
    func upcoming() -> String {
        guard let first = peek() else { return "end of text" }
        if first == "\"" || first == "'" {
            var end = position + 1
            while end < scalars.count, scalars[end] != first, scalars[end] != "\n" {
                end += scalars[end] == "\\" && peek(end + 1 - position) != "\n" ? 2 : 1
            }
            let closed = end < scalars.count && scalars[end] == first
            let literal = Self.printable(text(position..<(closed ? end + 1 : min(end, scalars.count))))
            return (first == "\"" ? "string " : "char ") + literal
        }
        var end = position
        while end < scalars.count, Self.isTokenScalar(scalars[end]) { end += 1 }
        return Self.quoted(text(position..<max(end, position + 1)))
    }

    /// `token` in double quotes, shortened and kept to one line.
    static func quoted(_ token: String) -> String {
        "\"" + printable(token) + "\""
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    static func isLabelScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-")
    }

    /// Scalars that can continue a number or label token; they run together in messages.
    static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        isLabelScalar(scalar) || scalar == "." || scalar == "+" || scalar == "%"
    }

    /// `text` cut to 32 scalars, with control characters escaped so a message stays on one line.
    static func printable(_ text: String) -> String {
        let limit = 32
        var result = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            result += scalar.properties.generalCategory == .control ? scalar.escaped(asASCII: true) : String(scalar)
        }
        return text.unicodeScalars.count > limit ? result + "…" : result
    }
}

/// A name as written: `%` lets a label spelled like a keyword be read as a label.
struct Label {
    var name: String
    var isEscaped: Bool
    /// Where the label starts, including its `%`.
    var start: Int

    /// Whether this is one of WAVE's keywords rather than a label.
    var isKeyword: Bool { !isEscaped && WAVEReader.keywords.contains(name) }
}
