internal import WIT

// WasmKit's WIT parser reports syntax errors as bare messages, and its lexer ends the input
// silently at a character it does not know and reads a block comment to the end of the file.
// This file works around all three.

extension WITSource {
    /// Parses `text`, with syntax errors placed in it.
    ///
    /// The parser gets, and `source` holds, `text` with CRLF line ends made LF and block
    /// comments blanked out, so that positions stay where they were.
    static func parse(_ text: String, fileName: String) throws(WITError) -> (source: WITSource, syntax: SourceFileSyntax) {
        var source = WITSource(text: text.replacing("\r\n", with: "\n"), fileName: fileName)
        var scan = source.scan()
        if !scan.blockComments.isEmpty, scan.problem == nil {
            source = WITSource(text: source.blanking(scan.blockComments), fileName: fileName)
            scan = source.scan()
        }
        if let problem = scan.problem {
            throw source.error(problem.message, at: problem.index)
        }
        do {
            return (source, try SourceFileSyntax.parse(source.text, fileName: fileName).syntax)
        } catch {
            let message = "\(error)"
            throw source.error(readable(message), at: source.errorIndex(of: message, tokens: scan.tokens))
        }
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

    /// The text's tokens as WasmKit's lexer splits them, its block comments, and the first
    /// character the lexer does not accept or an unterminated block comment.
    private func scan() -> (tokens: [Range<String.Index>], blockComments: [Range<String.Index>], problem: (index: String.Index, message: String)?) {
        let scalars = text.unicodeScalars
        var tokens: [Range<String.Index>] = []
        var blockComments: [Range<String.Index>] = []
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
                guard let commentEnd = endOfBlockComment(from: scalars.index(after: end)) else {
                    return (tokens, blockComments, (index, "unterminated block comment"))
                }
                blockComments.append(index..<commentEnd)
                index = commentEnd
                continue
            case "-" where next(index) == ">":
                end = scalars.index(after: end)
            case "=", ",", ":", ".", ";", "(", ")", "{", "}", "<", ">", "*", "@", "/", "-", "+":
                break
            case _ where scalar == "%" || scalar == "_" || scalar.properties.isXIDStart:
                end = skip(from: end) { $0.properties.isXIDContinue || $0 == "-" }
            case "0"..."9":
                end = skip(from: end) { ("0"..."9").contains($0) }
            default:
                return (tokens, blockComments, (index, "unexpected character '\(scalar)'"))
            }
            tokens.append(index..<end)
            index = end
        }
        return (tokens, blockComments, nil)
    }

    /// The index after the `*/` that closes a block comment whose body starts at `start`, or nil
    /// if none does; block comments nest.
    private func endOfBlockComment(from start: String.Index) -> String.Index? {
        let scalars = text.unicodeScalars
        var depth = 1
        var index = start
        while index < scalars.endIndex {
            let after = scalars.index(after: index)
            let pair = (scalars[index], after < scalars.endIndex ? scalars[after] : nil)
            guard pair == ("*", "/") || pair == ("/", "*") else {
                index = after
                continue
            }
            depth += pair.0 == "*" ? -1 : 1
            index = scalars.index(after: after)
            if depth == 0 { return index }
        }
        return nil
    }

    /// The text with every scalar in `ranges` but line ends made a space.
    private func blanking(_ ranges: [Range<String.Index>]) -> String {
        let scalars = text.unicodeScalars
        var result = String.UnicodeScalarView()
        var index = scalars.startIndex
        for range in ranges {
            result.append(contentsOf: scalars[index..<range.lowerBound])
            result.append(contentsOf: scalars[range].map { $0 == "\n" ? "\n" : " " })
            index = range.upperBound
        }
        result.append(contentsOf: scalars[index...])
        return String(result)
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
