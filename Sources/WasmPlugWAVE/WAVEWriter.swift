import WasmPlugEngine

/// Writes values as WAVE text that reads back to the same value.
///
/// Options and results are always written in their explicit form (`some(x)`, `ok(x)`), and
/// every record field is written, `none` ones included.
enum WAVEWriter {
    static func write(_ value: Value, to output: inout String) {
        switch value {
        case .bool(let value): output += value ? "true" : "false"
        case .s8(let value): output += String(value)
        case .u8(let value): output += String(value)
        case .s16(let value): output += String(value)
        case .u16(let value): output += String(value)
        case .s32(let value): output += String(value)
        case .u32(let value): output += String(value)
        case .s64(let value): output += String(value)
        case .u64(let value): output += String(value)
        case .f32(let value): output += float(value)
        case .f64(let value): output += float(value)
        case .char(let scalar): output += "'" + escaped(scalar, quote: "'") + "'"
        case .string(let string):
            output += "\""
            for scalar in string.unicodeScalars { output += escaped(scalar, quote: "\"") }
            output += "\""
        case .list(let values): sequence(values, "[", "]", &output)
        case .tuple(let values): sequence(values, "(", ")", &output)
        case .record(let fields):
            guard !fields.isEmpty else {
                output += "{:}"
                return
            }
            output += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { output += ", " }
                output += field.name + ": "
                write(field.value, to: &output)
            }
            output += "}"
        case .variant(let name, let payload): withPayload(caseLabel(name), payload, &output)
        case .enumCase(let name): output += caseLabel(name)
        case .option(nil): output += "none"
        case .option(let payload?): withPayload("some", payload, &output)
        case .ok(let payload): withPayload("ok", payload, &output)
        case .err(let payload): withPayload("err", payload, &output)
        case .flags(let names): output += "{" + names.joined(separator: ", ") + "}"
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

    private static func withPayload(_ label: String, _ payload: Value?, _ output: inout String) {
        output += label
        guard let payload else { return }
        output += "("
        write(payload, to: &output)
        output += ")"
    }

    /// A variant or enum case, with `%` when it is spelled like a keyword. (Field and flag
    /// names never need it: where they stand, a keyword could not be meant.)
    private static func caseLabel(_ name: String) -> String {
        WAVEReader.keywords.contains(name) ? "%" + name : name
    }

    /// Swift's shortest text that reads back to the same bits, which WAVE's number syntax
    /// accepts (`1.5`, `-0.0`, `1e-05`, `inf`); every NaN is written `nan`.
    private static func float<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) -> String {
        value.isNaN ? "nan" : value.description
    }

    /// Backslash, the enclosing quote and line breaks are escaped as WAVE requires; other
    /// control characters as `\u{...}` so the text stays on one visible line.
    private static func escaped(_ scalar: Unicode.Scalar, quote: Unicode.Scalar) -> String {
        switch scalar {
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        case quote: return "\\" + String(quote)
        default:
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator:
                return "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                return String(scalar)
            }
        }
    }
}
