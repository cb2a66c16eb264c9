import WasmPlugEngine

/// A recursive-descent reader of WAVE text, guided by the expected type.
struct WAVEParser {
    static let keywords: Set<String> = ["true", "false", "some", "none", "ok", "err", "inf", "nan"]

    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    // MARK: Values

    mutating func value(of type: ValueType) throws(WAVEError) -> Value {
        skipSpace()
        switch type {
        case .bool:
            switch try word("bool") {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case let other: throw error("expected bool (true or false), found \"\(other)\"")
            }
        case .s8: return .s8(try integer(type))
        case .u8: return .u8(try integer(type))
        case .s16: return .s16(try integer(type))
        case .u16: return .u16(try integer(type))
        case .s32: return .s32(try integer(type))
        case .u32: return .u32(try integer(type))
        case .s64: return .s64(try integer(type))
        case .u64: return .u64(try integer(type))
        case .f32: return .f32(Float(try float(type)))
        case .f64: return .f64(try float(type))
        case .char: return .char(try character())
        case .string: return .string(try string())
        case .list(let element):
            return .list(try sequence(open: "[", close: "]") { (parser: inout WAVEParser) throws(WAVEError) in
                try parser.value(of: element)
            })
        case .tuple(let types):
            let start = position
            var index = 0
            let values = try sequence(open: "(", close: ")") { (parser: inout WAVEParser) throws(WAVEError) -> Value in
                guard index < types.count else { throw parser.error("too many elements for \(type)") }
                defer { index += 1 }
                return try parser.value(of: types[index])
            }
            guard values.count == types.count else {
                throw error("expected \(types.count) elements for \(type), found \(values.count)", at: start)
            }
            return .tuple(values)
        case .record(let fields): return try record(fields, type)
        case .variant(let cases):
            let start = position
            let name = try label(type)
            guard let match = cases.first(where: { $0.name == name }) else {
                throw error("unknown case \"\(name)\" for \(type)", at: start)
            }
            return .variant(name, try payload(match.payload, of: name))
        case .enumeration(let names):
            let start = position
            let name = try label(type)
            guard names.contains(name) else { throw error("unknown enum case \"\(name)\" for \(type)", at: start) }
            return .enumCase(name)
        case .option(let inner):
            let start = position
            switch try word(type.description) {
            case "none": return .option(nil)
            case "some": return .option(try payload(inner, of: "some"))
            case let other: throw error("expected some(...) or none for \(type), found \"\(other)\"", at: start)
            }
        case .result(let ok, let err):
            let start = position
            switch try word(type.description) {
            case "ok": return .ok(try payload(ok, of: "ok"))
            case "err": return .err(try payload(err, of: "err"))
            case let other: throw error("expected ok or err for \(type), found \"\(other)\"", at: start)
            }
        case .flags(let names):
            let start = position
            let set = try sequence(open: "{", close: "}") { (parser: inout WAVEParser) throws(WAVEError) in
                try parser.label(type)
            }
            if let unknown = set.first(where: { !names.contains($0) }) {
                throw error("unknown flag \"\(unknown)\" for \(type)", at: start)
            }
            return .flags(names.filter(set.contains))
        case .own, .borrow, .future, .stream, .errorContext:
            throw error("\(type) values cannot be written in WAVE")
        }
    }

    private mutating func record(_ fields: [ValueType.Field], _ type: ValueType) throws(WAVEError) -> Value {
        let start = position
        var given: [String: Value] = [:]
        _ = try sequence(open: "{", close: "}") { (parser: inout WAVEParser) throws(WAVEError) -> Void in
            let nameStart = parser.position
            let name = try parser.label(type)
            guard let field = fields.first(where: { $0.name == name }) else {
                throw parser.error("\(type) has no field \"\(name)\"", at: nameStart)
            }
            guard given[name] == nil else { throw parser.error("field \"\(name)\" given twice", at: nameStart) }
            try parser.expect(":")
            given[name] = try parser.value(of: field.type)
        }
        var values: [Value.RecordField] = []
        for field in fields {
            if let value = given[field.name] {
                values.append(.init(field.name, value))
            } else if case .option = field.type {
                values.append(.init(field.name, .option(nil))) // an omitted option field is none
            } else {
                throw error("missing field \"\(field.name)\" for \(type)", at: start)
            }
        }
        return .record(values)
    }

    private mutating func payload(_ type: ValueType?, of name: String) throws(WAVEError) -> Value? {
        skipSpace()
        let hasParenthesis = peek() == "("
        switch (type, hasParenthesis) {
        case (nil, false): return nil
        case (nil, true): throw error("\(name) takes no payload")
        case (let type?, false): throw error("\(name) needs a payload of type \(type): write \(name)(...)")
        case (let type?, true):
            position += 1
            let value = try value(of: type)
            try expect(")")
            return value
        }
    }

    /// Items between `open` and `close`, separated by commas, with an optional trailing comma.
    private mutating func sequence<T>(
        open: Unicode.Scalar, close: Unicode.Scalar, _ item: (inout WAVEParser) throws(WAVEError) -> T
    ) throws(WAVEError) -> [T] {
        try expect(open)
        var items: [T] = []
        while true {
            skipSpace()
            if peek() == close { position += 1; return items }
            items.append(try item(&self))
            skipSpace()
            if peek() == "," { position += 1; continue }
            if peek() == close { position += 1; return items }
            throw error(atEnd ? "unterminated \(open)...\(close)" : "expected ',' or '\(close)', found '\(peek()!)'")
        }
    }

    // MARK: Scalars

    private mutating func integer<T: FixedWidthInteger>(_ type: ValueType) throws(WAVEError) -> T {
        let start = position
        let text = token { $0 == "-" || $0 == "+" || $0.properties.numericType != nil || $0.properties.isAlphabetic }
        guard !text.isEmpty else { throw error("expected \(type), found \(describeNext())") }
        guard let number = T(text, radix: 10) else {
            let isNumber = Int128(text) != nil || text.allSatisfy { $0.isNumber || $0 == "-" }
            let range = "\(T.min)...\(T.max)"
            throw error(isNumber ? "expected \(type), found \"\(text)\" (out of range \(range))"
                                 : "expected \(type), found \"\(text)\"", at: start)
        }
        return number
    }

    private mutating func float(_ type: ValueType) throws(WAVEError) -> Double {
        let start = position
        let text = token { $0.properties.isAlphabetic || $0.properties.numericType != nil || "+-.".unicodeScalars.contains($0) }
        switch text {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default:
            guard text.first?.isNumber == true || text.first == "-", let number = Double(text), number.isFinite else {
                throw error("expected \(type), found \(text.isEmpty ? describeNext() : "\"\(text)\"")", at: start)
            }
            return number
        }
    }

    private mutating func character() throws(WAVEError) -> Unicode.Scalar {
        let start = position
        try expect("'")
        guard let scalar = try quotedScalar(closing: "'") else { throw error("empty char literal", at: start) }
        guard peek() == "'" else { throw error("a char literal holds exactly one character", at: start) }
        position += 1
        return scalar
    }

    private mutating func string() throws(WAVEError) -> String {
        let start = position
        try expect("\"")
        var result = String.UnicodeScalarView()
        while true {
            guard !atEnd else { throw error("unterminated string starting at offset \(start)", at: start) }
            guard let scalar = try quotedScalar(closing: "\"") else { position += 1; return String(result) }
            result.append(scalar)
        }
    }

    /// The next character of a quoted literal with escapes resolved, or nil at `closing`.
    private mutating func quotedScalar(closing: Unicode.Scalar) throws(WAVEError) -> Unicode.Scalar? {
        guard let scalar = peek() else { throw error("unterminated literal") }
        if scalar == closing { return nil }
        position += 1
        guard scalar == "\\" else { return scalar }
        guard let escaped = peek() else { throw error("unterminated escape") }
        position += 1
        switch escaped {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "\\", "'", "\"": return escaped
        case "u":
            try expect("{")
            let digits = token { $0.properties.isASCIIHexDigit }
            try expect("}")
            guard let value = UInt32(digits, radix: 16), let result = Unicode.Scalar(value) else {
                throw error("invalid Unicode escape \\u{\(digits)}")
            }
            return result
        default:
            throw error("unknown escape \\\(escaped)", at: position - 2)
        }
    }

    // MARK: Names and calls

    /// A kebab-case name; a leading `%` lets a keyword be used as a name.
    private mutating func label(_ context: ValueType) throws(WAVEError) -> String {
        skipSpace()
        let escaped = peek() == "%"
        if escaped { position += 1 }
        let name = token { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" }
        guard !name.isEmpty else { throw error("expected a name for \(context), found \(describeNext())") }
        return name
    }

    private mutating func word(_ expected: String) throws(WAVEError) -> String {
        skipSpace()
        let text = token { $0.properties.isAlphabetic || $0 == "-" }
        guard !text.isEmpty else { throw error("expected \(expected), found \(describeNext())") }
        return text
    }

    mutating func invocation() throws(WAVEError) -> (name: String, arguments: [String]) {
        skipSpace()
        let name = token { !$0.properties.isWhitespace && $0 != "(" }
        guard !name.isEmpty else { throw error("expected a function name, as in add(1, 2)") }
        skipSpace()
        guard peek() == "(" else { throw error("expected '(' after \(name): write \(name)() to call it with no arguments") }
        position += 1
        var arguments: [String] = []
        skipSpace()
        if peek() == ")" {
            position += 1
        } else {
            while true {
                let start = position
                try skipValueText()
                arguments.append(String(String.UnicodeScalarView(scalars[start..<position])).trimmed)
                guard let next = peek() else { throw error("unterminated argument list: missing ')'") }
                position += 1
                if next == ")" { break }
            }
        }
        try expectEnd()
        return (name, arguments)
    }

    /// Moves past one argument's text, up to the top-level ',' or ')' that ends it.
    private mutating func skipValueText() throws(WAVEError) {
        var depth = 0
        while let scalar = peek() {
            switch scalar {
            case "\"", "'":
                position += 1
                while true {
                    guard let inner = peek() else { throw error("unterminated literal in arguments") }
                    position += 1
                    if inner == "\\" { position += 1 } else if inner == scalar { break }
                }
                continue
            case "(", "[", "{": depth += 1
            case ")", "]", "}":
                if depth == 0 { return }
                depth -= 1
            case ",":
                if depth == 0 { return }
            default: break
            }
            position += 1
        }
    }

    // MARK: Lexing

    mutating func expectEnd() throws(WAVEError) {
        skipSpace()
        guard atEnd else { throw error("unexpected text after the value: \(describeNext())") }
    }

    private mutating func expect(_ scalar: Unicode.Scalar) throws(WAVEError) {
        skipSpace()
        guard peek() == scalar else { throw error("expected '\(scalar)', found \(describeNext())") }
        position += 1
    }

    private mutating func token(_ belongs: (Unicode.Scalar) -> Bool) -> String {
        let start = position
        while let scalar = peek(), belongs(scalar) { position += 1 }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    private mutating func skipSpace() {
        while let scalar = peek(), scalar.properties.isWhitespace { position += 1 }
    }

    private var atEnd: Bool { position >= scalars.count }

    private func peek() -> Unicode.Scalar? {
        position < scalars.count ? scalars[position] : nil
    }

    private func describeNext() -> String {
        guard !atEnd else { return "the end of the text" }
        let rest = String(String.UnicodeScalarView(scalars[position..<min(position + 12, scalars.count)]))
        return "\"\(rest)\(position + 12 < scalars.count ? "…" : "")\""
    }

    private func error(_ message: String, at offset: Int? = nil) -> WAVEError {
        WAVEError("\(message) (at offset \(offset ?? position))")
    }
}

private extension String {
    var trimmed: String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
