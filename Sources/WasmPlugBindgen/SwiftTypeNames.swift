import WasmPlugWIT

/// The Swift types of WIT types in one kind of bindings: Swift's own for scalars, lists,
/// options and results, and the names given to records, variants, enums and flags.
struct SwiftTypeNames {
    /// How a kind of bindings spells what the kinds differ in.
    struct Spelling {
        /// The Swift type of a resource handle.
        let handle: String
        /// The Swift type of a result without a payload.
        let unit: String
        /// Whether tuples have a Swift type.
        let hasTuples: Bool
        /// Why a type without a Swift type has none, after the type.
        let unsupported: String
    }

    /// Native plugin bindings: handles are the plugin's `uint32_t` representations.
    static let native = SwiftTypeNames(Spelling(handle: "UInt32", unit: "Void", hasTuples: true,
                                                unsupported: "cannot cross the native plugin ABI"))
    /// WRPC server bindings: handles are the bytes a client holds.
    static let wrpc = SwiftTypeNames(Spelling(handle: "WRPCHandle", unit: "WITUnit", hasTuples: false,
                                              unsupported: "is not supported by --lang swift-wrpc yet"))

    let spelling: Spelling
    private var names: [String: String] = [:]
    /// The named types, in the order they were named.
    private(set) var registered: [(type: WITType, name: String)] = []

    private init(_ spelling: Spelling) {
        self.spelling = spelling
    }

    /// Gives the named WIT type `type` the Swift name `name`, unless it has one.
    mutating func name(_ type: WITType, _ name: String) {
        guard names[type.description] == nil else { return }
        switch type {
        case .record, .variant, .enumeration, .flags:
            names[type.description] = name
            registered.append((type, name))
        default:
            return
        }
    }

    /// The Swift type of a WIT type.
    func swiftType(_ type: WITType) throws -> String {
        switch type {
        case .bool: return "Bool"
        case .s8: return "Int8"
        case .u8: return "UInt8"
        case .s16: return "Int16"
        case .u16: return "UInt16"
        case .s32: return "Int32"
        case .u32: return "UInt32"
        case .s64: return "Int64"
        case .u64: return "UInt64"
        case .f32: return "Float"
        case .f64: return "Double"
        case .char: return "Unicode.Scalar"
        case .string: return "String"
        case .own, .borrow: return spelling.handle
        case .list(let element): return "[\(try swiftType(element))]"
        case .tuple(let types) where spelling.hasTuples: return "(\(try types.map(swiftType).joined(separator: ", ")))"
        case .option(let inner): return "\(try swiftType(inner))?"
        case .result(let ok, let err):
            return "WITResult<\(try ok.map(swiftType) ?? spelling.unit), \(try err.map(swiftType) ?? spelling.unit)>"
        case .record, .variant, .enumeration, .flags:
            guard let name = names[type.description] else {
                throw SwiftBindingsGenerator.Unsupported(description: "\(type) has no name in the world's interfaces")
            }
            return name
        case .tuple, .future, .stream, .errorContext:
            throw SwiftBindingsGenerator.Unsupported(description: "\(type) \(spelling.unsupported)")
        }
    }
}
