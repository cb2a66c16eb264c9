internal import WIT

// WasmKit's WIT parser reports syntax errors as bare messages, and its lexer ends the input
// silently at a character it does not know. This file finds both positions.

extension WITSource {
    /// Parses the text, with syntax errors placed in it.
    func parse() throws(WITError) -> SourceFileSyntax {
        let (tokens, stray) = scanTokens()
        if let stray {
            throw error("unexpected character '\(text.unicodeScalars[stray])'", at: stray)
        }
        guard let failure = parseFailure(of: text) else {
            // `parseFailure` returned nil, so this parse succeeds.
            return (try? SourceFileSyntax.parse(text, fileName: fileName).syntax)!
        }
        return try { () throws(WITError) -> Never in
            throw error(Self.readable(failure), at: errorIndex(of: failure, tokens: tokens))
        }()
    }

    /// The parser's message for `source`, or nil if it parses.
    private func parseFailure(of source: String) -> String? {
        do {
            _ = try SourceFileSyntax.parse(source, fileName: fileName)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Where the parser stopped with `message`: the end of the text if it ran out of input
    /// (more input changes its message), else the first token whose prefix of the text fails
    /// with the same message.
    private func errorIndex(of message: String, tokens: [Range<String.Index>]) -> String.Index {
        guard let last = tokens.indices.last, parseFailure(of: text + "\n)") == message else {
            return text.endIndex
        }
        var (low, high) = (0, last)
        while low < high {
            let middle = (low + high) / 2
            if parseFailure(of: String(text[..<tokens[middle].upperBound])) == message {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return tokens[low].lowerBound
    }

    /// The text's tokens as WasmKit's lexer splits them (comments and whitespace left out), and
    /// the first character the lexer does not accept, if any.
    private func scanTokens() -> (tokens: [Range<String.Index>], stray: String.Index?) {
        let scalars = text.unicodeScalars
        var tokens: [Range<String.Index>] = []
        var index = scalars.startIndex
        func next(_ i: String.Index) -> Unicode.Scalar? {
            let after = scalars.index(after: i)
            return after < scalars.endIndex ? scalars[after] : nil
        }
        func skip(from i: String.Index, while condition: (Unicode.Scalar) -> Bool) -> String.Index {
            scalars[i...].firstIndex { !condition($0) } ?? scalars.endIndex
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            var end = scalars.index(after: index)
            switch scalar {
            case " ", "\n", "\t":
                index = end
                continue
            case "/" where next(index) == "/":
                index = skip(from: index) { $0 != "\n" }
                continue
            case "/" where next(index) == "*":
                index = endOfBlockComment(from: scalars.index(after: end))
                continue
            case "-" where next(index) == ">":
                end = scalars.index(after: end)
            case "=", ",", ":", ".", ";", "(", ")", "{", "}", "<", ">", "*", "@", "/", "-", "+":
                break
            case "%", "_", _ where scalar.properties.isXIDStart:
                end = skip(from: end) { $0.properties.isXIDContinue || $0 == "-" }
            case "0"..."9":
                end = skip(from: end) { ("0"..."9").contains($0) }
            default:
                return (tokens, index)
            }
            tokens.append(index..<end)
            index = end
        }
        return (tokens, nil)
    }

    /// The index after the `*/` that closes a block comment whose body starts at `start`.
    private func endOfBlockComment(from start: String.Index) -> String.Index {
        let scalars = text.unicodeScalars
        var depth = 1
        var index = start
        while index < scalars.endIndex, depth > 0 {
            let after = scalars.index(after: index)
            let pair = (scalars[index], after < scalars.endIndex ? scalars[after] : nil)
            if pair == ("*", "/") || pair == ("/", "*") {
                depth += pair.0 == "*" ? -1 : 1
                index = scalars.index(after: after)
            } else {
                index = after
            }
        }
        return index
    }

    /// The parser's message in plain words: `greaterThan expected but got semicolon` becomes
    /// `expected '>', got ';'`.
    static func readable(_ message: String) -> String {
        if let range = message.range(of: " expected but got ") {
            let expected = String(message[..<range.lowerBound])
            let got = String(message[range.upperBound...])
            return "expected \(expected.contains(" ") ? expected : token(expected)), got \(token(got))"
        }
        if message.hasPrefix("unknown type ") {
            return "expected a type, got \(token(String(message.dropFirst("unknown type ".count))))"
        }
        if message == "a type expected" { return "expected a type" }
        return message
    }

    /// How messages show a token kind the parser names.
    private static func token(_ kind: String) -> String {
        let punctuation = [
            "equals": "=", "comma": ",", "colon": ":", "period": ".", "semicolon": ";",
            "leftParen": "(", "rightParen": ")", "leftBrace": "{", "rightBrace": "}",
            "lessThan": "<", "greaterThan": ">", "rArrow": "->", "star": "*", "at": "@",
            "slash": "/", "plus": "+", "minus": "-", "underscore": "_",
        ]
        switch kind {
        case "nothing": return "end of file"
        case "id", "explicitId": return "an identifier"
        case "integer": return "a number"
        default:
            let keyword = kind.hasSuffix("_") ? String(kind.dropLast()) : kind
            return "'\(punctuation[kind] ?? keyword)'"
        }
    }
}
