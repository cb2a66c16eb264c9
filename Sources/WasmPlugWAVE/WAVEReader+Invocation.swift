/// Function calls, `name(argument, ...)`, split before the argument types are known.
extension WAVEReader {
    mutating func invocation() throws(WAVEError) -> (name: String, arguments: [String]) {
        skipTrivia()
        let nameStart = position
        let name = run { !Self.isSpace($0) && $0 != "(" }
        guard !name.isEmpty else {
            throw error("expected a function name, as in add(1, 2), found \(upcoming())", at: nameStart)
        }
        if let bad = name.unicodeScalars.firstIndex(where: { !Self.isNameScalar($0) }) {
            let offset = nameStart + name.unicodeScalars.distance(from: name.unicodeScalars.startIndex, to: bad)
            throw error("unexpected \(Self.quoted(String(name.unicodeScalars[bad]))) in function name \(Self.quoted(name))", at: offset)
        }
        skipTrivia()
        guard peek() == "(" else {
            let found = atEnd ? "" : ", found \(upcoming())"
            throw error("expected '(' after \"\(name)\"\(found)", note: "write \(name)() to call it without arguments", at: position)
        }
        let open = position
        position += 1
        var arguments: [String] = []
        while true {
            skipTrivia()
            if peek() == ")" {
                position += 1
                break
            }
            let start = position
            try skipArgument()
            let argument = trimmedText(start..<position)
            guard !argument.isEmpty else { throw error("expected an argument, found \(upcoming())", at: position) }
            arguments.append(argument)
            guard let next = peek() else {
                throw error("unterminated argument list starting at offset \(open)", note: "missing ')'", at: nil)
            }
            position += 1
            if next == ")" { break }
        }
        skipTrivia()
        guard atEnd else { throw error("unexpected \(upcoming()) after the call", at: position) }
        return (name, arguments)
    }

    /// Moves up to the `,` or `)` that ends the argument at the cursor; those inside literals,
    /// comments and brackets do not count.
    private mutating func skipArgument() throws(WAVEError) {
        var closers: [Unicode.Scalar] = []
        while let scalar = peek() {
            switch scalar {
            case "\"", "'":
                try skipLiteral()
                continue
            case "/" where peek(1) == "/":
                skipTrivia()
                continue
            case "(": closers.append(")")
            case "[": closers.append("]")
            case "{": closers.append("}")
            case ")", "]", "}":
                guard let expected = closers.popLast() else {
                    if scalar == ")" { return }
                    throw error("unexpected \"\(scalar)\" with no opening bracket", at: position)
                }
                guard scalar == expected else {
                    throw error("expected \"\(expected)\", found \"\(scalar)\"", at: position)
                }
            case "," where closers.isEmpty:
                return
            default:
                break
            }
            position += 1
        }
    }

    private mutating func skipLiteral() throws(WAVEError) {
        let start = position
        let opensMultiline = peek() == "\"" && peek(1) == "\"" && peek(2) == "\""
            && (peek(3) == "\n" || peek(3) == "\r" && peek(4) == "\n")
        guard opensMultiline else {
            _ = try quoted(what: peek() == "'" ? "char" : "string")
            return
        }
        guard let close = firstTripleQuote(from: start + 3) else {
            throw error("unterminated multiline string starting at offset \(start)", at: nil)
        }
        position = close + 3
    }

    private func trimmedText(_ range: Range<Int>) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Self.isSpace(scalars[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(scalars[upper - 1]) { upper -= 1 }
        return text(lower..<upper)
    }

    /// Scalars of a function name: kebab-case words, plus the punctuation of interface names
    /// (`wasi:cli/run@0.2.0#run`) and resource functions (`[method]counter.increment`).
    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        isLabelScalar(scalar) || ":/@#.[]_+".unicodeScalars.contains(scalar)
    }
}
