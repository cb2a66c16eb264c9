import WasmPlugBytes

/// Copies type definitions, extern descriptions and nested declarations from one component to
/// another, renumbering the type indices that refer to the top level of the source component
/// (depth 0). Indices inside instance and component types are local to them and stay as they are,
/// except outer aliases that reach the top level.
enum TypeCopier {
    typealias TypeMap = (UInt32) throws(ComposeError) -> UInt32

    /// A `deftype` at `depth` (0 for the top level).
    static func defType(_ reader: inout ByteReader<ComposeError>, into out: inout [UInt8], depth: Int, map: TypeMap) throws(ComposeError) {
        let form = try reader.peek()
        switch form {
        case 0x40, 0x43: // function type (sync, async)
            out.append(try reader.byte())
            try vector(&reader, &out) { (reader, out) throws(ComposeError) in
                try label(&reader, &out)
                try valType(&reader, &out, depth: depth, map: map)
            }
            let results = try reader.byte()
            out.append(results)
            if results == 0x00 { try valType(&reader, &out, depth: depth, map: map) } else { out.append(try reader.byte()) }
        case 0x41, 0x42: // component type, instance type: declarations in a new scope
            out.append(try reader.byte())
            try vector(&reader, &out) { (reader, out) throws(ComposeError) in
                try declaration(&reader, &out, depth: depth + 1, inComponent: form == 0x41, map: map)
            }
        case 0x3f, 0x3e:
            throw ComposeError("a resource type defined before the component's definitions, which compose does not support")
        default:
            try defValType(&reader, &out, depth: depth, map: map)
        }
    }

    /// An `externdesc`; returns the sort of what it describes.
    static func externDesc(_ reader: inout ByteReader<ComposeError>, into out: inout [UInt8], depth: Int, map: TypeMap) throws(ComposeError) -> Sort {
        let kind = try reader.byte()
        out.append(kind)
        switch kind {
        case 0x00:
            out.append(try reader.byte())
            out.u32(try reader.u32()) // a core type index: compose copies no core types
            return .core(0x11)
        case 0x01, 0x04, 0x05:
            try typeIndex(&reader, &out, depth: depth, map: map)
            return kind == 0x01 ? .function : kind == 0x04 ? .component : .instance
        case 0x02:
            let bound = try reader.byte()
            out.append(bound)
            if bound == 0x00 { out.u32(try reader.u32()) } else { try valType(&reader, &out, depth: depth, map: map) }
            return .value
        case 0x03:
            let bound = try reader.byte()
            out.append(bound)
            if bound == 0x00 { try typeIndex(&reader, &out, depth: depth, map: map) } // 0x01: (sub resource), nothing follows
            return .type
        default:
            throw ComposeError("unknown extern description 0x\(String(kind, radix: 16)) at byte \(reader.offset - 1)")
        }
    }

    /// A declaration in an instance or component type at `depth` (≥ 1).
    private static func declaration(
        _ reader: inout ByteReader<ComposeError>, _ out: inout [UInt8], depth: Int, inComponent: Bool, map: TypeMap
    ) throws(ComposeError) {
        let kind = try reader.byte()
        out.append(kind)
        switch kind {
        case 0x00:
            throw ComposeError("a core type inside an instance type, which compose does not support")
        case 0x01:
            try defType(&reader, into: &out, depth: depth, map: map)
        case 0x02:
            let sort = try Sort(reading: &reader)
            out += sort.encoded
            let target = try reader.byte()
            out.append(target)
            switch target {
            case 0x02:
                let count = try reader.u32()
                out.u32(count)
                let index = try reader.u32()
                out.u32(Int(count) == depth && sort == .type ? try map(index) : index)
            default:
                out.u32(try reader.u32())
                out.name(try reader.name())
            }
        case 0x03 where inComponent, 0x04:
            out.append(try reader.byte())
            out.name(try reader.name())
            _ = try externDesc(&reader, into: &out, depth: depth, map: map)
        default:
            throw ComposeError("unknown declaration 0x\(String(kind, radix: 16)) at byte \(reader.offset - 1)")
        }
    }

    private static func defValType(_ reader: inout ByteReader<ComposeError>, _ out: inout [UInt8], depth: Int, map: TypeMap) throws(ComposeError) {
        let form = try reader.byte()
        out.append(form)
        switch form {
        case 0x73...0x7f, 0x64: return // primitive types, error-context
        case 0x72: // record
            try vector(&reader, &out) { (reader, out) throws(ComposeError) in
                try label(&reader, &out)
                try valType(&reader, &out, depth: depth, map: map)
            }
        case 0x71: // variant
            try vector(&reader, &out) { (reader, out) throws(ComposeError) in
                try label(&reader, &out)
                try optional(&reader, &out) { (reader, out) throws(ComposeError) in try valType(&reader, &out, depth: depth, map: map) }
                out.append(try reader.byte())
            }
        case 0x70, 0x6b: try valType(&reader, &out, depth: depth, map: map) // list, option
        case 0x67: // fixed-size list
            try valType(&reader, &out, depth: depth, map: map)
            out.u32(try reader.u32())
        case 0x6f: // tuple
            try vector(&reader, &out) { (reader, out) throws(ComposeError) in try valType(&reader, &out, depth: depth, map: map) }
        case 0x6e, 0x6d: // flags, enum
            try vector(&reader, &out) { (reader, out) throws(ComposeError) in try label(&reader, &out) }
        case 0x6a: // result
            for _ in 0..<2 {
                try optional(&reader, &out) { (reader, out) throws(ComposeError) in try valType(&reader, &out, depth: depth, map: map) }
            }
        case 0x69, 0x68: try typeIndex(&reader, &out, depth: depth, map: map) // own, borrow
        case 0x66, 0x65: // stream, future
            try optional(&reader, &out) { (reader, out) throws(ComposeError) in try valType(&reader, &out, depth: depth, map: map) }
        default:
            throw ComposeError("unknown type form 0x\(String(form, radix: 16)) at byte \(reader.offset - 1)")
        }
    }

    private static func valType(_ reader: inout ByteReader<ComposeError>, _ out: inout [UInt8], depth: Int, map: TypeMap) throws(ComposeError) {
        let value = try reader.s33()
        if value >= 0, depth == 0 { out.s33(Int64(try map(UInt32(value)))) } else { out.s33(value) }
    }

    private static func typeIndex(_ reader: inout ByteReader<ComposeError>, _ out: inout [UInt8], depth: Int, map: TypeMap) throws(ComposeError) {
        let index = try reader.u32()
        out.u32(depth == 0 ? try map(index) : index)
    }

    private static func label(_ reader: inout ByteReader<ComposeError>, _ out: inout [UInt8]) throws(ComposeError) {
        out.name(try reader.name())
    }

    private static func optional(
        _ reader: inout ByteReader<ComposeError>, _ out: inout [UInt8], _ body: (inout ByteReader<ComposeError>, inout [UInt8]) throws(ComposeError) -> Void
    ) throws(ComposeError) {
        let present = try reader.byte()
        out.append(present)
        if present == 0x01 { try body(&reader, &out) }
    }

    static func vector(
        _ reader: inout ByteReader<ComposeError>, _ out: inout [UInt8], _ body: (inout ByteReader<ComposeError>, inout [UInt8]) throws(ComposeError) -> Void
    ) throws(ComposeError) {
        let count = try reader.u32()
        out.u32(count)
        for _ in 0..<count { try body(&reader, &out) }
    }
}
