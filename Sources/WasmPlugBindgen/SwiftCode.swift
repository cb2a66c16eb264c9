import Foundation
import WasmPlugEngine
import WasmPlugNative
import WasmPlugWIT

/// The Swift text of bindings: declarations for named types, and expressions that read WIT
/// values from native memory and statements that write them.
struct SwiftCode {
    private(set) var declarations: [String] = []
    private var typeNames = SwiftTypeNames.native
    private var counter = 0

    /// Gives `type` the Swift name `name`; ``declareNamedTypes()`` declares it.
    mutating func name(_ type: WITType, _ name: String) {
        typeNames.name(type, name)
    }

    /// Declares every named type, with its reader and writer, once all names are known.
    mutating func declareNamedTypes() {
        for (type, name) in typeNames.registered { declarations.append(declaration(type, name)) }
    }

    /// The Swift type of a WIT type.
    func swiftType(_ type: WITType) throws -> String {
        try typeNames.swiftType(type)
    }

    /// An expression reading a `type` value at `pointer` (an `UnsafeRawPointer` expression).
    mutating func read(_ type: WITType, _ pointer: String) throws -> String {
        switch type {
        case .bool: return "(\(pointer).load(as: UInt8.self) != 0)"
        case .char: return "Unicode.Scalar(\(pointer).load(as: UInt32.self))!"
        case .string: return "\(pointer).load(as: wasmplug_str_t.self).string"
        case .own, .borrow: return "\(pointer).load(as: UInt32.self)"
        case .list(let element):
            let address = fresh("element"), size = NativeLayout(element).size
            return "readList(\(pointer), stride: \(size)) { (\(address): UnsafeRawPointer) -> \(try swiftType(element)) in "
                + "\(try read(element, address)) }"
        case .tuple(let types):
            let offsets = fieldOffsets(types)
            return "(" + (try zip(types, offsets).map { try read($0, "(\(pointer) + \($1))") }).joined(separator: ", ") + ")"
        case .option(let inner):
            let offset = payloadOffset(type)
            let optional = try swiftType(type)
            return "(\(pointer).load(as: UInt8.self) == 0 ? \(optional).none : \(optional).some(\(try read(inner, "(\(pointer) + \(offset))"))))"
        case .result(let ok, let err):
            let offset = payloadOffset(type)
            let okValue = try ok.map { try read($0, "(\(pointer) + \(offset))") } ?? "()"
            let errValue = try err.map { try read($0, "(\(pointer) + \(offset))") } ?? "()"
            let result = try swiftType(type)
            return "(\(pointer).load(as: UInt8.self) == 0 ? \(result).ok(\(okValue)) : \(result).err(\(errValue)))"
        case .record, .variant, .enumeration, .flags:
            return "\(try swiftType(type)).read(from: \(pointer))"
        default:
            return "\(pointer).load(as: \(try swiftType(type)).self)"
        }
    }

    /// Statements writing `value` (a Swift expression of `type`) at `pointer`, allocating what
    /// results need through `call`.
    mutating func write(_ type: WITType, _ value: String, _ pointer: String) throws -> [String] {
        switch type {
        case .bool: return ["\(pointer).storeBytes(of: UInt8(\(value) ? 1 : 0), as: UInt8.self)"]
        case .char: return ["\(pointer).storeBytes(of: \(value).value, as: UInt32.self)"]
        case .string: return ["\(pointer).storeBytes(of: call.string(\(value)), as: wasmplug_str_t.self)"]
        case .own, .borrow: return ["\(pointer).storeBytes(of: \(value), as: UInt32.self)"]
        case .list(let element):
            let layout = NativeLayout(element)
            let items = fresh("items"), index = fresh("index"), item = fresh("item"), memory = fresh("memory")
            return ["let \(items) = \(value)",
                    "let \(memory) = call.allocateBytes(\(items).count * \(layout.size), alignment: \(layout.alignment))",
                    "for (\(index), \(item)) in \(items).enumerated() {"]
                + (try write(element, item, "(\(memory) + \(index) * \(layout.size))")).map { "    " + $0 }
                + ["}", "\(pointer).storeBytes(of: wasmplug_list_t(ptr: UnsafeRawPointer(\(memory)), len: \(items).count), as: wasmplug_list_t.self)"]
        case .tuple(let types):
            let tuple = fresh("tuple")
            var lines = ["let \(tuple) = \(value)"]
            for (index, (element, offset)) in zip(types, fieldOffsets(types)).enumerated() {
                lines += try write(element, "\(tuple).\(index)", "(\(pointer) + \(offset))")
            }
            return lines
        case .option(let inner):
            let some = fresh("some")
            return ["if let \(some) = \(value) {", "    \(pointer).storeBytes(of: 1, as: UInt8.self)"]
                + (try write(inner, some, "(\(pointer) + \(payloadOffset(type)))")).map { "    " + $0 } + ["}"]
        case .result(let ok, let err):
            let payload = fresh("payload"), offset = payloadOffset(type)
            var okLines = ["_ = \(payload)"], errLines = ["_ = \(payload)"]
            if let ok { okLines = try write(ok, payload, "(\(pointer) + \(offset))") }
            if let err { errLines = try write(err, payload, "(\(pointer) + \(offset))") }
            var lines = ["switch \(value) {", "case .ok(let \(payload)):"]
            lines += okLines.map { "    " + $0 }
            lines += ["case .err(let \(payload)):", "    \(pointer).storeBytes(of: 1, as: UInt8.self)"]
            lines += errLines.map { "    " + $0 }
            lines.append("}")
            return lines
        case .record, .variant, .enumeration, .flags:
            return ["\(value).write(to: \(pointer), call: call)"]
        default:
            return ["\(pointer).storeBytes(of: \(value), as: \(try swiftType(type)).self)"]
        }
    }

    /// The protocol requirement and the descriptor entry for one function.
    mutating func function(_ function: WITFunction, key: String, protocolName: String) throws -> (String, String) {
        let method = SwiftName.function(function.name)
        let parameterTypes = function.parameters.map(\.type)
        let offsets = fieldOffsets(parameterTypes)
        var parameters: [String] = [], arguments: [String] = []
        for (parameter, offset) in zip(function.parameters, offsets) {
            let label = parameter.name == "self" ? "handle" : SwiftName.member(parameter.name)
            parameters.append("\(label): \(try swiftType(parameter.type))")
            arguments.append("\(label): \(try read(parameter.type, "(args! + \(offset))"))")
        }
        let resultType = try function.result.map(swiftType)
        let requirement = "    /// \(function)\n    func \(method)(\(parameters.joined(separator: ", ")))"
            + " throws" + (resultType.map { " -> \($0)" } ?? "")
        var body = ["let call = PluginCall(call)", "do {"]
        let invocation = "try plugin(state).\(method)(\(arguments.joined(separator: ", ")))"
        if let result = function.result {
            body += ["    let result = \(invocation)"] + (try write(result, "result", "results!")).map { "    " + $0 }
        } else {
            body.append("    \(invocation)")
        }
        body += ["    return 0", "} catch {", "    return call.fail(\"\\(error)\")", "}"]
        let entry = "            (\(Self.literal(key)), { state, call, args, results in\n"
            + body.map { "                " + $0 }.joined(separator: "\n") + "\n            }),"
        return (requirement, entry)
    }

    // MARK: Named types

    private mutating func declaration(_ type: WITType, _ name: String) -> String {
        do {
            switch type {
            case .record(let fields):
                let offsets = fieldOffsets(fields.map(\.type))
                let members = try fields.map { "    public var \(SwiftName.member($0.name)): \(try swiftType($0.type))" }
                let initParameters = try fields.map { "\(SwiftName.member($0.name)): \(try swiftType($0.type))" }
                let assignments = fields.map { "        self.\(SwiftName.member($0.name)) = \(SwiftName.member($0.name))" }
                let reads = try zip(fields, offsets).map {
                    "        let \(SwiftName.member($0.name)): \(try swiftType($0.type)) = \(try read($0.type, "(pointer + \($1))"))"
                }
                let labels = fields.map { "\(SwiftName.member($0.name)): \(SwiftName.member($0.name))" }
                var writes: [String] = []
                for (field, offset) in zip(fields, offsets) {
                    writes += try write(field.type, "self.\(SwiftName.member(field.name))", "(pointer + \(offset))")
                }
                return """

                    /// \(type)
                    public struct \(name) {
                    \(members.joined(separator: "\n"))

                        public init(\(initParameters.joined(separator: ", "))) {
                    \(assignments.joined(separator: "\n"))
                        }

                        static func read(from pointer: UnsafeRawPointer) -> \(name) {
                    \(reads.joined(separator: "\n"))
                            return \(name)(\(labels.joined(separator: ", ")))
                        }

                        func write(to pointer: UnsafeMutableRawPointer, call: PluginCall) {
                    \(writes.map { "        " + $0 }.joined(separator: "\n"))
                        }
                    }
                    """
            case .variant(let cases):
                let offset = payloadOffset(type), discriminant = unsignedType(NativeLayout.discriminantSize(cases: cases.count))
                let members = try cases.map { c in "    case \(SwiftName.member(c.name))" + (try c.payload.map { "(\(try swiftType($0)))" } ?? "") }
                var reads: [String] = [], writes: [String] = []
                for (index, variantCase) in cases.enumerated() {
                    let member = SwiftName.member(variantCase.name)
                    if let payload = variantCase.payload {
                        reads.append("        case \(index): return .\(member)(\(try read(payload, "(pointer + \(offset))")))")
                        writes.append("        case .\(member)(let payload):")
                        writes.append("            pointer.storeBytes(of: \(discriminant)(\(index)), as: \(discriminant).self)")
                        writes += try write(payload, "payload", "(pointer + \(offset))").map { "            " + $0 }
                    } else {
                        reads.append("        case \(index): return .\(member)")
                        writes.append("        case .\(member):")
                        writes.append("            pointer.storeBytes(of: \(discriminant)(\(index)), as: \(discriminant).self)")
                    }
                }
                return """

                    /// \(type)
                    public enum \(name) {
                    \(members.joined(separator: "\n"))

                        static func read(from pointer: UnsafeRawPointer) -> \(name) {
                            switch Int(pointer.load(as: \(discriminant).self)) {
                    \(reads.joined(separator: "\n"))
                            default: preconditionFailure("the runtime checked the discriminant")
                            }
                        }

                        func write(to pointer: UnsafeMutableRawPointer, call: PluginCall) {
                            switch self {
                    \(writes.joined(separator: "\n"))
                            }
                        }
                    }
                    """
            case .enumeration(let cases):
                let size = unsignedType(NativeLayout.discriminantSize(cases: cases.count))
                return """

                    /// \(type)
                    public enum \(name): UInt32 {
                    \(cases.map { "    case \(SwiftName.member($0))" }.joined(separator: "\n"))

                        static func read(from pointer: UnsafeRawPointer) -> \(name) {
                            \(name)(rawValue: UInt32(pointer.load(as: \(size).self)))!
                        }

                        func write(to pointer: UnsafeMutableRawPointer, call: PluginCall) {
                            pointer.storeBytes(of: \(size)(rawValue), as: \(size).self)
                        }
                    }
                    """
            case .flags(let flags):
                guard flags.count <= 32 else { throw SwiftBindingsGenerator.Unsupported(description: "flags with more than 32 members") }
                let size = unsignedType(NativeLayout.flagsSize(count: flags.count))
                return """

                    /// \(type)
                    public struct \(name): OptionSet, Sendable {
                        public let rawValue: UInt32
                        public init(rawValue: UInt32) { self.rawValue = rawValue }
                    \(flags.enumerated().map { "    public static let \(SwiftName.member($1)) = \(name)(rawValue: 1 << \($0))" }.joined(separator: "\n"))

                        static func read(from pointer: UnsafeRawPointer) -> \(name) {
                            \(name)(rawValue: UInt32(pointer.load(as: \(size).self)))
                        }

                        func write(to pointer: UnsafeMutableRawPointer, call: PluginCall) {
                            pointer.storeBytes(of: \(size)(truncatingIfNeeded: rawValue), as: \(size).self)
                        }
                    }
                    """
            default:
                return ""
            }
        } catch {
            return "\n#error(\(Self.literal("\(name): \(error)")))"
        }
    }

    // MARK: Layout

    private func fieldOffsets(_ types: [WITType]) -> [Int] {
        guard case .fields(let fields, _, _) = NativeLayout.record(types.map { NativeLayout($0) }) else { return [] }
        return fields.map(\.offset)
    }

    private func payloadOffset(_ type: WITType) -> Int {
        guard case .variant(_, let offset, _, _, _) = NativeLayout(type) else { return 0 }
        return offset
    }

    /// The Swift unsigned integer of `size` bytes.
    private func unsignedType(_ size: Int) -> String {
        "UInt\(size * 8)"
    }

    private mutating func fresh(_ base: String) -> String {
        counter += 1
        return "\(base)\(counter)"
    }

    /// A Swift string literal of `text`: a raw multi-line literal when it spans lines.
    static func literal(_ text: String) -> String {
        guard text.contains("\n") else {
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return "##\"\"\"\n" + body + "\n\"\"\"##"
    }
}
