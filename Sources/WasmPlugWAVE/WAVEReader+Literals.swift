import WasmPlugEngine

/// Numbers, chars and strings, with WAVE's escapes.
extension WAVEReader {
    mutating func bool() throws(WAVEError) -> Bool {
        skipTrivia()
        let start = position
        switch label() {
        case let word? where word.isKeyword && word.name == "true": return true
        case let word? where word.isKeyword && word.name == "false": return false
        default:
            position = start
            throw error("expected bool (true or false), found \(upcoming())", at: start)
        }
    }

    /// A base-10 integer of type `T`, range-checked.
    mutating func integer<T: FixedWidthInteger>(_ type: ValueType) throws(WAVEError) -> T {
        skipTrivia()
        let start = position
        let token = run(while: Self.isTokenScalar)
        guard !token.isEmpty else { throw error("expected \(WAVE.describe(type)), found \(upcoming())", at: start) }
        guard Self.isNumber(token, allowingFraction: false) else {
            let note = Self.isNumber(token, allowingFraction: true) ? "not an integer" : nil
            throw error("expected \(WAVE.describe(type)), found \(Self.quoted(token))", note: note, at: start)
        }
        guard let number = T(token) else {
            throw error("expected \(WAVE.describe(type)), found \(Self.quoted(token))", note: "out of range \(T.min)...\(T.max)", at: start)
        }
        return number
    }

    /// A float: a JSON-style number, rounded to `T`, or `nan`, `inf`, `-inf`.
    mutating func float<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: ValueType) throws(WAVEError) -> T {
        skipTrivia()
        let start = position
        let token = run(while: Self.isTokenScalar)
        switch token {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default:
            // Too large a number rounds to infinity, as in WAVE's reference implementation.
            guard Self.isNumber(token, allowingFraction: true), let number = T(token) else {
                let found = token.isEmpty ? upcoming() : Self.quoted(token)
                throw error("expected \(WAVE.describe(type)), found \(found)", at: start)
            }
            return number
        }
    }

    /// A char literal: one Unicode scalar value, or one escape, between single quotes.
    mutating func char() throws(WAVEError) -> Unicode.Scalar {
        skipTrivia()
        let start = position
        guard peek() == "'" else { throw error("expected char, found \(upcoming())", at: start) }
        let body = try quoted(what: "char")
        let decoded = try decode(body)
        guard decoded.count == 1, let scalar = decoded.first else {
            throw error("expected char, found '\(Self.printable(text(body)))'", note: "a char is exactly one Unicode scalar value", at: start)
        }
        return scalar
    }

    /// A string literal: `"..."` on one line, or a `"""` multiline string.
    mutating func string() throws(WAVEError) -> String {
        skipTrivia()
        guard peek() == "\"" else { throw error("expected string, found \(upcoming())", at: position) }
        if peek(1) == "\"", peek(2) == "\"" { return try multilineString() }
        return String(try decode(try quoted(what: "string")))
    }

    /// Moves past a one-line quoted literal at the cursor and returns the range between its quotes.
    mutating func quoted(what: String) throws(WAVEError) -> Range<Int> {
        let start = position
        let quote = scalars[start]
        position += 1
        while let scalar = peek() {
            if scalar == quote {
                position += 1
                return start + 1..<position - 1
            }
            if scalar == "\n" {
                throw error("line break in \(what) starting at offset \(start)", note: "write \\n instead", at: nil)
            }
            position += scalar == "\\" ? 2 : 1
        }
        throw error("unterminated \(what) starting at offset \(start)", at: nil)
    }

    /// A `"""` string: its lines lose the indentation of the closing `"""`, which sits on a line
    /// of its own; the line breaks after the opening `"""` and before the closing one are not part
    /// of the value.
    private mutating func multilineString() throws(WAVEError) -> String {
        let start = position
        let bodyStart = start + 3
        guard let close = firstTripleQuote(from: bodyStart) else {
            throw error("unterminated multiline string starting at offset \(start)", at: nil)
        }
        var lineStarts = [bodyStart]
        for index in bodyStart..<close where scalars[index] == "\n" { lineStarts.append(index + 1) }
        guard lineStarts.count > 1,
              lineStarts[1] - 1 == bodyStart || (lineStarts[1] - 2 == bodyStart && scalars[bodyStart] == "\r")
        else {
            throw error("a multiline string's opening \"\"\" must be followed by a line break", at: bodyStart)
        }
        let indentStart = lineStarts[lineStarts.count - 1]
        guard scalars[indentStart..<close].allSatisfy({ $0 == " " }) else {
            throw error("a multiline string's closing \"\"\" must be on its own line, after nothing but spaces", at: close)
        }
        let indent = close - indentStart
        var result = String.UnicodeScalarView()
        for (line, lineStart) in lineStarts[1..<lineStarts.count - 1].enumerated() {
            let lineEnd = lineStarts[line + 2] - 1
            guard lineEnd - lineStart >= indent, scalars[lineStart..<lineStart + indent].allSatisfy({ $0 == " " }) else {
                throw error("a line of a multiline string is indented less than its closing \"\"\"", at: lineStart)
            }
            let contentEnd = lineEnd > lineStart + indent && scalars[lineEnd - 1] == "\r" ? lineEnd - 1 : lineEnd
            if line > 0 { result.append("\n") }
            result.append(contentsOf: try decode(lineStart + indent..<contentEnd))
        }
        position = close + 3
        return String(result)
    }

    func firstTripleQuote(from start: Int) -> Int? {
        var index = start
        while index + 2 < scalars.count {
            if scalars[index] == "\"", scalars[index + 1] == "\"", scalars[index + 2] == "\"" { return index }
            index += 1
        }
        return nil
    }

    /// The scalars of `range` with escapes resolved.
    private func decode(_ range: Range<Int>) throws(WAVEError) -> String.UnicodeScalarView {
        var result = String.UnicodeScalarView()
        var index = range.lowerBound
        while index < range.upperBound {
            let scalar = scalars[index]
            if scalar == "\\" {
                let (escaped, length) = try escape(at: index, end: range.upperBound)
                result.append(escaped)
                index += length
            } else {
                result.append(scalar)
                index += 1
            }
        }
        return result
    }

    /// The scalar an escape at `start` stands for, and the escape's length.
    private func escape(at start: Int, end: Int) throws(WAVEError) -> (Unicode.Scalar, Int) {
        let next = start + 1 < end ? scalars[start + 1] : nil
        switch next {
        case "\\", "'", "\"": return (next!, 2)
        case "t": return ("\t", 2)
        case "n": return ("\n", 2)
        case "r": return ("\r", 2)
        case "u":
            var digitsEnd = start + 3
            while digitsEnd < end, scalars[digitsEnd].properties.isASCIIHexDigit { digitsEnd += 1 }
            guard start + 2 < end, scalars[start + 2] == "{", digitsEnd > start + 3, digitsEnd < end,
                  scalars[digitsEnd] == "}"
            else {
                throw error("invalid escape \"\(text(start..<min(digitsEnd + 1, end)))\"", note: "write \\u{hex digits}", at: start)
            }
            let escape = text(start..<digitsEnd + 1)
            guard let value = UInt32(text(start + 3..<digitsEnd), radix: 16), let scalar = Unicode.Scalar(value) else {
                throw error("invalid escape \"\(escape)\"", note: "not a Unicode scalar value", at: start)
            }
            return (scalar, digitsEnd + 1 - start)
        default:
            let written = Self.printable(next.map { "\\" + String($0) } ?? "\\")
            throw error("invalid escape \"\(written)\"", note: "expected \\\\, \\', \\\", \\t, \\n, \\r or \\u{...}", at: start)
        }
    }

    /// Whether `token` follows WAVE's number grammar: `-?(0|[1-9][0-9]*)`, then, if fractions
    /// are allowed, `(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isNumber(_ token: String, allowingFraction: Bool) -> Bool {
        let scalars = Array(token.unicodeScalars)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            return index - start
        }
        func skip(_ options: Unicode.Scalar...) -> Bool {
            guard index < scalars.count, options.contains(scalars[index]) else { return false }
            index += 1
            return true
        }
        _ = skip("-")
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits == 1 || integerDigits > 1 && scalars[integerStart] != "0" else { return false }
        if allowingFraction {
            if skip("."), digits() == 0 { return false }
            if skip("e", "E") {
                _ = skip("+", "-")
                if digits() == 0 { return false }
            }
        }
        return index == scalars.count
    }
}
