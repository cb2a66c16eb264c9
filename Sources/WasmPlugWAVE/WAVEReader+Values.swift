import WasmPlugEngine

/// Values of a known type: the type decides how the text is read.
extension WAVEReader {
    mutating func value(_ type: ValueType) throws(WAVEError) -> Value {
        skipTrivia()
        switch type {
        case .bool: return .bool(try bool())
        case .s8: return .s8(try integer(type))
        case .u8: return .u8(try integer(type))
        case .s16: return .s16(try integer(type))
        case .u16: return .u16(try integer(type))
        case .s32: return .s32(try integer(type))
        case .u32: return .u32(try integer(type))
        case .s64: return .s64(try integer(type))
        case .u64: return .u64(try integer(type))
        case .f32: return .f32(try float(type))
        case .f64: return .f64(try float(type))
        case .char: return .char(try char())
        case .string: return .string(try string())
        case .list(let element):
            return .list(try sequence("[", "]", of: type, "list") { (reader, _) throws(WAVEError) in
                try reader.value(element)
            })
        case .tuple(let types): return try tuple(types, type)
        case .record(let fields): return try record(fields, type)
        case .variant(let cases): return try variant(cases, type)
        case .enumeration(let names): return .enumCase(try caseName(names, "enum case", type))
        case .option(let inner): return try option(inner, type)
        case .result(let ok, let err): return try result(ok, err, type)
        case .flags(let names): return try flags(names, type)
        case .own, .borrow:
            throw error("cannot read a value of type \(WAVE.describe(type))", note: "WAVE has no syntax for resources", at: position)
        case .future, .stream, .errorContext:
            throw error(
                "cannot read a value of type \(WAVE.describe(type))",
                note: "WAVE has no syntax for futures, streams or error contexts", at: position)
        }
    }

    /// `open element, element, ... close`, with an optional trailing comma; `element` is given its index.
    private mutating func sequence<T>(
        _ open: Unicode.Scalar, _ close: Unicode.Scalar, of type: ValueType, _ kind: String,
        _ element: (inout WAVEReader, Int) throws(WAVEError) -> T
    ) throws(WAVEError) -> [T] {
        skipTrivia()
        let start = position
        guard peek() == open else { throw error("expected \(WAVE.describe(type)), found \(upcoming())", at: start) }
        position += 1
        var elements: [T] = []
        skipTrivia()
        if peek() == close {
            position += 1
            return elements
        }
        while true {
            guard !atEnd else { throw error("unterminated \(kind) starting at offset \(start)", at: nil) }
            elements.append(try element(&self, elements.count))
            skipTrivia()
            switch peek() {
            case ",":
                position += 1
                skipTrivia()
                if peek() == close {
                    position += 1
                    return elements
                }
            case close:
                position += 1
                return elements
            case nil:
                throw error("unterminated \(kind) starting at offset \(start)", at: nil)
            default:
                throw error("expected ',' or '\(close)' in \(WAVE.describe(type)), found \(upcoming())", at: position)
            }
        }
    }

    private mutating func tuple(_ types: [ValueType], _ type: ValueType) throws(WAVEError) -> Value {
        skipTrivia()
        let start = position
        let values = try sequence("(", ")", of: type, "tuple") { (reader, index) throws(WAVEError) in
            guard index < types.count else {
                throw reader.error("too many elements for \(WAVE.describe(type))", at: reader.position)
            }
            return try reader.value(types[index])
        }
        guard values.count == types.count else {
            throw error("expected \(types.count) elements for \(WAVE.describe(type)), found \(values.count)", at: start)
        }
        return .tuple(values)
    }

    /// `{name: value, ...}` in any order; fields of option type may be left out (meaning `none`),
    /// and `{:}` is a record with every field left out.
    private mutating func record(_ fields: [ValueType.Field], _ type: ValueType) throws(WAVEError) -> Value {
        skipTrivia()
        let start = position
        var given: [String: Value] = [:]
        if !readEmptyRecord() {
            _ = try sequence("{", "}", of: type, "record") { (reader, _) throws(WAVEError) in
                reader.skipTrivia()
                guard let label = reader.label() else {
                    throw reader.error("expected a field name of \(WAVE.describe(type)), found \(reader.upcoming())", at: reader.position)
                }
                guard let field = fields.first(where: { $0.name == label.name }) else {
                    throw reader.error("\(WAVE.describe(type)) has no field \"\(label.name)\"", at: label.start)
                }
                guard given[field.name] == nil else {
                    throw reader.error("field \"\(field.name)\" given twice", at: label.start)
                }
                try reader.expect(":", after: "field name \"\(field.name)\"")
                given[field.name] = try reader.value(field.type)
            }
            if given.isEmpty, fields.allSatisfy(\.type.isOption) {
                throw error("expected a field of \(WAVE.describe(type)), found \"}\"", note: "write {:} to leave out every field", at: start)
            }
        }
        var values: [Value.RecordField] = []
        for field in fields {
            if let value = given[field.name] {
                values.append(.init(field.name, value))
            } else if field.type.isOption {
                values.append(.init(field.name, .option(nil)))
            } else {
                throw error("missing field \"\(field.name)\" for \(WAVE.describe(type))", at: start)
            }
        }
        return .record(values)
    }

    /// Moves past `{:}`, if that is what comes next.
    private mutating func readEmptyRecord() -> Bool {
        var probe = self
        guard probe.peek() == "{" else { return false }
        probe.position += 1
        probe.skipTrivia()
        guard probe.peek() == ":" else { return false }
        probe.position += 1
        probe.skipTrivia()
        guard probe.peek() == "}" else { return false }
        position = probe.position + 1
        return true
    }

    private mutating func variant(_ cases: [ValueType.Case], _ type: ValueType) throws(WAVEError) -> Value {
        let name = try caseName(cases.map(\.name), "case", type)
        let payloadType = cases.first { $0.name == name }?.payload
        return .variant(name, try payload(payloadType, of: name))
    }

    /// The label of one of `names`; one spelled like a keyword must be written with `%`.
    private mutating func caseName(_ names: [String], _ kind: String, _ type: ValueType) throws(WAVEError) -> String {
        skipTrivia()
        guard let label = label() else {
            throw error("expected \(WAVE.describe(type)), found \(upcoming())", at: position)
        }
        guard names.contains(label.name) else {
            throw error("unknown \(kind) \"\(label.name)\" for \(WAVE.describe(type))", at: label.start)
        }
        guard !label.isKeyword else {
            throw error(
                "\"\(label.name)\" is a WAVE keyword", note: "write %\(label.name) for the \(kind) of \(WAVE.describe(type))",
                at: label.start)
        }
        return label.name
    }

    /// A case's parenthesized payload, which is there exactly when the case has a payload type.
    private mutating func payload(_ type: ValueType?, of name: String) throws(WAVEError) -> Value? {
        skipTrivia()
        switch (type, peek() == "(") {
        case (nil, false):
            return nil
        case (nil, true):
            throw error("\(name) takes no payload, found \(upcoming())", at: position)
        case (let type?, false):
            throw error("\(name) needs a payload of type \(WAVE.describe(type))", note: "write \(name)(...)", at: position)
        case (let type?, true):
            position += 1
            let value = try value(type)
            try expect(")", after: "the payload of \(name)")
            return value
        }
    }

    /// `some(x)`, `none`, or `x` alone when `x` cannot be mistaken for an option or result.
    private mutating func option(_ inner: ValueType, _ type: ValueType) throws(WAVEError) -> Value {
        switch readKeyword("some", "none") {
        case "some": return .option(try payload(inner, of: "some"))
        case "none": return .option(try payload(nil, of: "none"))
        default:
            guard inner.canBeFlat else {
                throw error("expected some(...) or none for \(WAVE.describe(type)), found \(upcoming())", at: position)
            }
            return .option(try value(inner))
        }
    }

    /// `ok`, `ok(x)`, `err`, `err(e)`, or `x` alone when `x` cannot be mistaken for an option or result.
    private mutating func result(_ ok: ValueType?, _ err: ValueType?, _ type: ValueType) throws(WAVEError) -> Value {
        switch readKeyword("ok", "err") {
        case "ok": return .ok(try payload(ok, of: "ok"))
        case "err": return .err(try payload(err, of: "err"))
        default:
            guard let ok, ok.canBeFlat else {
                throw error("expected ok or err for \(WAVE.describe(type)), found \(upcoming())", at: position)
            }
            return .ok(try value(ok))
        }
    }

    /// Moves past the keyword at the cursor if it is one of `keywords`, and returns it.
    private mutating func readKeyword(_ keywords: String...) -> String? {
        skipTrivia()
        var probe = self
        guard let label = probe.label(), label.isKeyword, keywords.contains(label.name) else { return nil }
        position = probe.position
        return label.name
    }

    /// `{name, ...}` in any order; the value lists the flags in declaration order.
    private mutating func flags(_ names: [String], _ type: ValueType) throws(WAVEError) -> Value {
        var set: Set<String> = []
        _ = try sequence("{", "}", of: type, "flags") { (reader, _) throws(WAVEError) in
            reader.skipTrivia()
            guard let label = reader.label() else {
                throw reader.error("expected a flag of \(WAVE.describe(type)), found \(reader.upcoming())", at: reader.position)
            }
            guard names.contains(label.name) else {
                throw reader.error("unknown flag \"\(label.name)\" for \(WAVE.describe(type))", at: label.start)
            }
            guard set.insert(label.name).inserted else {
                throw reader.error("flag \"\(label.name)\" given twice", at: label.start)
            }
        }
        return .flags(names.filter(set.contains))
    }
}

extension ValueType {
    var isOption: Bool {
        if case .option = self { return true }
        return false
    }

    /// Whether an option's `some` or a result's `ok` of this type may be written as the bare
    /// payload: not when the payload is itself an option or result.
    var canBeFlat: Bool {
        switch self {
        case .option, .result: false
        default: true
        }
    }
}
