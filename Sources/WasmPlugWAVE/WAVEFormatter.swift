import WasmPlugEngine

/// Writes values as WAVE text.
enum WAVEFormatter {
    static func write(_ value: Value, to output: inout String) {
        switch value {
        case .bool(let v): output += v ? "true" : "false"
        case .s8(let v): output += String(v)
        case .u8(let v): output += String(v)
        case .s16(let v): output += String(v)
        case .u16(let v): output += String(v)
        case .s32(let v): output += String(v)
        case .u32(let v): output += String(v)
        case .s64(let v): output += String(v)
        case .u64(let v): output += String(v)
        case .f32(let v): output += float(v.description, isNaN: v.isNaN)
        case .f64(let v): output += float(v.description, isNaN: v.isNaN)
        case .char(let v): output += "'" + escape(v, quote: "'") + "'"
        case .string(let v): output += "\"" + v.unicodeScalars.map { escape($0, quote: "\"") }.joined() + "\""
        case .list(let values): sequence(values, "[", "]", &output)
        case .tuple(let values): sequence(values, "(", ")", &output)
        case .record(let fields):
            output += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { output += ", " }
                output += label(field.name) + ": "
                write(field.value, to: &output)
            }
            output += "}"
        case .variant(let name, let payload): caseValue(label(name), payload, &output)
        case .enumCase(let name): output += label(name)
        case .option(nil): output += "none"
        case .option(let payload?): caseValue("some", payload, &output)
        case .ok(let payload): caseValue("ok", payload, &output)
        case .err(let payload): caseValue("err", payload, &output)
        case .flags(let names): output += "{" + names.map(label).joined(separator: ", ") + "}"
        case .resource: output += "<resource>"
        }
    }

    private static func sequence(_ values: [Value], _ open: String, _ close: String, _ output: inout String) {
        output += open
        for (index, value) in values.enumerated() {
            if index > 0 { output += ", " }
            write(value, to: &output)
        }
        output += close
    }

    private static func caseValue(_ name: String, _ payload: Value?, _ output: inout String) {
        output += name
        guard let payload else { return }
        output += "("
        write(payload, to: &output)
        output += ")"
    }

    /// Swift prints the shortest text that reads back to the same bits; WAVE spells NaN `nan`.
    private static func float(_ text: String, isNaN: Bool) -> String {
        isNaN ? "nan" : text
    }

    /// Names that are WAVE keywords get a `%` prefix so they read back as names.
    static func label(_ name: String) -> String {
        WAVEParser.keywords.contains(name) ? "%" + name : name
    }

    private static func escape(_ scalar: Unicode.Scalar, quote: Character) -> String {
        switch scalar {
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        case "\"" where quote == "\"": return "\\\""
        case "'" where quote == "'": return "\\'"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F { return "\\u{\(String(scalar.value, radix: 16))}" }
            return String(scalar)
        }
    }
}
