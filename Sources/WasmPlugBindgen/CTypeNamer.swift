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
        case .u32, .char, .own, .borrow, .future, .stream, .errorContext: return "uint32_t"
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
        define(typeName, body: body, comment: type.description, layout: NativeLayout(type))
        defineCaseConstants(of: type, typeName: typeName)
        if preferred == nil { named[type.description] = typeName }
        return typeName
    }

    /// A struct of named fields (a parameter list).
    mutating func record(_ fields: [(name: String, type: WITType)], named typeName: String) -> String {
        let members = fields.map { "  \(name(for: $0.type)) \(CName.identifier($0.name));" }
        let layout = NativeLayout.record(fields.map { NativeLayout($0.type) })
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
            let size = NativeLayout.flagsSize(count: names.count)
            return size < 4 ? Self.unsigned(size) : "struct { uint32_t bits[\(size / 4)]; }"
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

    /// The C type of the discriminant of a variant or enum with `count` cases.
    static func discriminant(_ count: Int) -> String {
        unsigned(NativeLayout.discriminantSize(cases: count))
    }

    /// The C unsigned integer of `size` bytes.
    private static func unsigned(_ size: Int) -> String {
        "uint\(size * 8)_t"
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
