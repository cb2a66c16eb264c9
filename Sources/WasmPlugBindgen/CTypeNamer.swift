import Foundation
import WasmPlugEngine
import WasmPlugNative
import WasmPlugWIT

/// Names C types for WIT types and writes their typedefs, once per distinct type, each with
/// `_Static_assert`s that pin its size and alignment to the runtime's `NativeLayout`.
struct CTypeNamer {
    let prefix: String
    private(set) var definitions: [String] = []
    private var named: [String: String] = [:]
    private var counter = 0

    init(prefix: String) {
        self.prefix = prefix
    }

    /// The C type for `type`: a built-in name for scalars and handles, a typedef otherwise.
    mutating func name(for type: WITType, preferred: String? = nil) -> String {
        switch type {
        case .bool, .u8: return "uint8_t"
        case .s8: return "int8_t"
        case .s16: return "int16_t"
        case .u16: return "uint16_t"
        case .s32: return "int32_t"
        case .u32, .char, .own, .borrow, .future, .stream: return "uint32_t"
        case .s64: return "int64_t"
        case .u64: return "uint64_t"
        case .f32: return "float"
        case .f64: return "double"
        case .string: return "wasmplug_str_t"
        case .list: return "wasmplug_list_t"
        default: break
        }
        if let existing = named[type.description], preferred == nil { return existing }
        counter += 1
        let typeName = preferred ?? "\(prefix)_type\(counter)_t"
        let body = self.body(for: type)
        define(typeName, body: body, comment: type.description, layout: NativeLayout(type.layoutEquivalent))
        defineCaseConstants(of: type, typeName: typeName)
        if preferred == nil { named[type.description] = typeName }
        return typeName
    }

    /// A struct of named fields (a parameter list).
    mutating func record(_ fields: [(name: String, type: WITType)], named typeName: String) -> String {
        let members = fields.map { "  \(name(for: $0.type)) \(CName.identifier($0.name));" }
        let layout = NativeLayout.record(fields.map { NativeLayout($0.type.layoutEquivalent) })
        let comment = "(" + fields.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + ")"
        define(typeName, body: members.isEmpty ? nil : "struct {\n\(members.joined(separator: "\n"))\n}", comment: comment, layout: layout)
        return typeName
    }

    private mutating func body(for type: WITType) -> String? {
        switch type {
        case .record(let fields):
            return "struct {\n" + fields.map { "  \(name(for: $0.type)) \(CName.identifier($0.name));" }.joined(separator: "\n") + "\n}"
        case .tuple(let types):
            return "struct {\n" + types.enumerated().map { "  \(name(for: $1)) f\($0);" }.joined(separator: "\n") + "\n}"
        case .variant(let cases):
            let payloads = cases.compactMap { c in c.payload.map { "    \(name(for: $0)) \(CName.identifier(c.name));" } }
            return tagged(Self.discriminant(cases.count), "tag", payloads)
        case .enumeration(let names):
            return Self.discriminant(names.count)
        case .option(let inner):
            return tagged("uint8_t", "is_some", ["    \(name(for: inner)) some;"])
        case .result(let ok, let err):
            let payloads = [ok.map { "    \(name(for: $0)) ok;" }, err.map { "    \(name(for: $0)) err;" }].compactMap { $0 }
            return tagged("uint8_t", "is_err", payloads)
        case .flags(let names):
            return names.count <= 8 ? "uint8_t" : names.count <= 16 ? "uint16_t" : "struct { uint32_t bits[\((names.count + 31) / 32)]; }"
        default:
            return nil
        }
    }

    private func tagged(_ tagType: String, _ tagName: String, _ payloads: [String]) -> String {
        guard !payloads.isEmpty else { return "struct {\n  \(tagType) \(tagName);\n}" }
        return "struct {\n  \(tagType) \(tagName);\n  union {\n\(payloads.joined(separator: "\n"))\n  } value;\n}"
    }

    private mutating func define(_ typeName: String, body: String?, comment: String, layout: NativeLayout) {
        definitions.append("")
        definitions.append("/// \(comment)")
        definitions.append("typedef \(body ?? "struct { uint8_t unused; }") \(typeName);")
        if body != nil {
            definitions.append("_Static_assert(sizeof(\(typeName)) == \(layout.size), \"\(typeName): size\");")
            definitions.append("_Static_assert(_Alignof(\(typeName)) == \(layout.alignment), \"\(typeName): alignment\");")
        }
    }

    /// `#define TYPE_CASE n` for the tags of variants and enums, and the bits of flags.
    private mutating func defineCaseConstants(of type: WITType, typeName: String) {
        let base = typeName.hasSuffix("_t") ? String(typeName.dropLast(2)) : typeName
        let names: [String] = switch type {
        case .variant(let cases): cases.map(\.name)
        case .enumeration(let names): names
        case .flags(let names): names
        default: []
        }
        let isFlags = if case .flags = type { true } else { false }
        for (index, name) in names.enumerated() {
            let value = isFlags ? "(1u << \(index % 32))" : "\(index)"
            definitions.append("#define \(base.uppercased())_\(CName.identifier(name).uppercased()) \(value)")
        }
    }

    static func discriminant(_ count: Int) -> String {
        count <= 256 ? "uint8_t" : count <= 65536 ? "uint16_t" : "uint32_t"
    }
}

extension WITType {
    /// An engine type with the same native layout (handles become their `uint32_t`).
    var layoutEquivalent: ValueType {
        switch self {
        case .bool: .bool
        case .s8: .s8
        case .u8: .u8
        case .s16: .s16
        case .u16: .u16
        case .s32: .s32
        case .u32, .own, .borrow, .future, .stream: .u32
        case .s64: .s64
        case .u64: .u64
        case .f32: .f32
        case .f64: .f64
        case .char: .char
        case .string: .string
        case .list(let element): .list(element.layoutEquivalent)
        case .record(let fields): .record(fields.map { .init($0.name, $0.type.layoutEquivalent) })
        case .tuple(let types): .tuple(types.map(\.layoutEquivalent))
        case .variant(let cases): .variant(cases.map { .init($0.name, $0.payload?.layoutEquivalent) })
        case .enumeration(let names): .enumeration(names)
        case .option(let inner): .option(inner.layoutEquivalent)
        case .result(let ok, let err): .result(ok: ok?.layoutEquivalent, err: err?.layoutEquivalent)
        case .flags(let names): .flags(names)
        }
    }
}

/// C spellings of WIT names and text.
enum CName {
    /// `list-keys` → `list_keys`; anything not a C identifier character becomes `_`.
    static func identifier(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// `[method]bucket.get` → `prefix_bucket_get`; `[constructor]counter` → `prefix_counter_new`.
    static func function(_ name: String, prefix: String) -> String {
        var base = name
        if base.hasPrefix("[constructor]") { base = String(base.dropFirst("[constructor]".count)) + "-new" }
        for marker in ["[method]", "[static]"] where base.hasPrefix(marker) { base = String(base.dropFirst(marker.count)) }
        return "\(prefix)_\(identifier(base))"
    }

    /// A C string literal with every byte escaped as needed.
    static func stringLiteral(_ text: String) -> String {
        var literal = "\""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): literal += "\\\""
            case UInt8(ascii: "\\"): literal += "\\\\"
            case UInt8(ascii: "\n"): literal += "\\n\"\n  \""
            case 0x20..<0x7F: literal.append(Character(Unicode.Scalar(byte)))
            default: literal += String(format: "\\%03o", byte)
            }
        }
        return literal + "\""
    }
}
