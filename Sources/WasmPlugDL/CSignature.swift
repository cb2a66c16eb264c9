/// A native function's C signature: what `function.create` describes and what a policy's
/// `[library.signatures]` table pins, written `result(parameters)`, such as
/// `sint32(pointer, uint64)`, `void()` or `{sint32, sint32}(sint32, sint32)`.
public struct CSignature: Equatable, Sendable, CustomStringConvertible {
    public var parameters: [CType]
    public var result: CType

    public init(parameters: [CType], result: CType) {
        self.parameters = parameters
        self.result = result
    }

    /// Reads the text form; throws a message saying what is wrong and where.
    public init(parsing text: String) throws(SignatureSyntaxError) {
        var reader = Reader(characters: Array(text.filter { !$0.isWhitespace }), text: text)
        result = try reader.type()
        try reader.expect("(")
        var parameters: [CType] = []
        if !reader.skip(")") {
            repeat { parameters.append(try reader.type()) } while reader.skip(",")
            try reader.expect(")")
        }
        guard reader.atEnd else { throw reader.error("unexpected text after the parameter list") }
        self.parameters = parameters
    }

    public var description: String { "\(result)(\(parameters.map(\.description).joined(separator: ", ")))" }
}

/// Why a signature's text could not be read.
public struct SignatureSyntaxError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

private struct Reader {
    let characters: [Character]
    let text: String
    var position = 0

    var atEnd: Bool { position == characters.count }

    func error(_ problem: String) -> SignatureSyntaxError {
        SignatureSyntaxError(description: "signature \"\(text)\": \(problem); expected a form like sint32(pointer, uint64) "
            + "with types \(CScalar.allCases.map(\.rawValue).joined(separator: ", ")), cstring, void or {type, ...}")
    }

    mutating func skip(_ character: Character) -> Bool {
        guard !atEnd, characters[position] == character else { return false }
        position += 1
        return true
    }

    mutating func expect(_ character: Character) throws(SignatureSyntaxError) {
        guard skip(character) else { throw error("expected '\(character)'") }
    }

    mutating func name() throws(SignatureSyntaxError) -> String {
        let start = position
        while !atEnd, characters[position].isLetter || characters[position].isNumber { position += 1 }
        guard position > start else { throw error("expected a type name") }
        return String(characters[start..<position])
    }

    mutating func type() throws(SignatureSyntaxError) -> CType {
        if skip("{") {
            var fields: [CScalar] = []
            repeat { fields.append(try scalar()) } while skip(",")
            try expect("}")
            return .structure(fields)
        }
        let name = try name()
        switch name {
        case "void": return .void
        case "cstring": return .cstring
        default:
            guard let scalar = CScalar(rawValue: name) else { throw error("unknown type '\(name)'") }
            return .scalar(scalar)
        }
    }

    mutating func scalar() throws(SignatureSyntaxError) -> CScalar {
        let name = try name()
        guard let scalar = CScalar(rawValue: name) else { throw error("'\(name)' is not a scalar type a struct field can have") }
        return scalar
    }
}
