import WasmPlugBytes

/// An index space of a component: what a sort byte names.
enum Sort: Hashable, CustomStringConvertible {
    case core(UInt8)
    case function, value, type, component, instance

    /// Reads a sort (`0x00 core:sort`, or one byte).
    init(reading reader: inout ByteReader<ComposeError>) throws(ComposeError) {
        switch try reader.byte() {
        case 0x00: self = .core(try reader.byte())
        case 0x01: self = .function
        case 0x02: self = .value
        case 0x03: self = .type
        case 0x04: self = .component
        case 0x05: self = .instance
        case let other: throw ComposeError("unknown sort 0x\(String(other, radix: 16)) at byte \(reader.offset - 1)")
        }
    }

    var encoded: [UInt8] {
        switch self {
        case .core(let sort): [0x00, sort]
        case .function: [0x01]
        case .value: [0x02]
        case .type: [0x03]
        case .component: [0x04]
        case .instance: [0x05]
        }
    }

    var description: String {
        switch self {
        case .core: "core item"
        case .function: "function"
        case .value: "value"
        case .type: "type"
        case .component: "component"
        case .instance: "instance"
        }
    }
}

/// Section ids of the component binary format (component-model Binary.md).
enum SectionID {
    static let coreType: UInt8 = 3
    static let component: UInt8 = 4
    static let instance: UInt8 = 5
    static let alias: UInt8 = 6
    static let type: UInt8 = 7
    static let `import`: UInt8 = 10
    static let export: UInt8 = 11
}

/// One input component: its bytes, the leading sections that declare its imports (types,
/// imports and aliases of imported instances), its imports and its exports.
struct ComponentBinary {
    struct Section {
        var id: UInt8
        var range: Range<Int>
    }

    static let preamble: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]

    let path: String
    let bytes: [UInt8]
    /// The sections before the first definition: where every import is declared.
    private(set) var prefix: [Section] = []
    private(set) var imports: [(name: String, sort: Sort)] = []
    private(set) var exports: [(name: String, sort: Sort)] = []

    init(path: String, bytes: [UInt8]) throws(ComposeError) {
        self.path = path
        self.bytes = bytes
        guard bytes.starts(with: Self.preamble) else {
            throw ComposeError("\(path) is not a WebAssembly component (a core module, or not WebAssembly): "
                + "pass a component, e.g. one made with `wasm-tools component new`")
        }
        var reader = ByteReader<ComposeError>(bytes, from: Self.preamble.count)
        var inPrefix = true
        while !reader.atEnd {
            let id = try reader.byte()
            let size = Int(try reader.u32())
            let start = reader.offset
            _ = try reader.slice(size, "a section")
            let section = Section(id: id, range: start..<start + size)
            if inPrefix, [SectionID.type, SectionID.import, SectionID.alias].contains(id) {
                prefix.append(section)
                if id == SectionID.import { try readImports(section) }
                continue
            }
            inPrefix = false
            if id == SectionID.import {
                throw ComposeError("\(path) declares imports after its own definitions, which compose does not support: "
                    + "build it with a toolchain that declares imports first (wit-component does)")
            }
            if id == SectionID.export { try readExports(section) }
        }
    }

    private mutating func readImports(_ section: Section) throws(ComposeError) {
        var reader = ByteReader<ComposeError>(bytes, from: section.range.lowerBound, to: section.range.upperBound)
        for _ in 0..<(try reader.u32()) {
            let name = try Self.externName(&reader, path: path)
            var skipped: [UInt8] = [] // read at depth 1: only skipped, nothing renumbered
            let sort = try TypeCopier.externDesc(&reader, into: &skipped, depth: 1) { $0 }
            imports.append((name, sort))
        }
    }

    private mutating func readExports(_ section: Section) throws(ComposeError) {
        var reader = ByteReader<ComposeError>(bytes, from: section.range.lowerBound, to: section.range.upperBound)
        for _ in 0..<(try reader.u32()) {
            let name = try Self.externName(&reader, path: path)
            let sort = try Sort(reading: &reader)
            _ = try reader.u32()
            if try reader.byte() == 0x01 {
                var skipped: [UInt8] = []
                _ = try TypeCopier.externDesc(&reader, into: &skipped, depth: 1) { $0 }
            }
            exports.append((name, sort))
        }
    }

    /// An import's or export's name (`0x00 len name`).
    static func externName(_ reader: inout ByteReader<ComposeError>, path: String) throws(ComposeError) -> String {
        let form = try reader.byte()
        guard form == 0x00 else {
            throw ComposeError("\(path) names an import or export in a form (0x\(String(form, radix: 16))) compose does not read: "
                + "rebuild it with wasm-tools 1.2xx or later")
        }
        return try reader.name()
    }
}
