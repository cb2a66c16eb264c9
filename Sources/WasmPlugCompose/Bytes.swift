/// Reads the component binary format: bytes, LEB128 integers and names.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int
    let end: Int

    init(_ bytes: [UInt8], from offset: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    var atEnd: Bool { offset >= end }

    mutating func byte() throws(ComposeError) -> UInt8 {
        guard offset < end else { throw ComposeError("unexpected end of the component binary at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    func peek() throws(ComposeError) -> UInt8 {
        guard offset < end else { throw ComposeError("unexpected end of the component binary at byte \(offset)") }
        return bytes[offset]
    }

    /// An unsigned LEB128 u32.
    mutating func u32() throws(ComposeError) -> UInt32 {
        var result: UInt64 = 0, shift: UInt64 = 0
        while true {
            let next = try byte()
            result |= UInt64(next & 0x7f) << shift
            if next & 0x80 == 0 { break }
            shift += 7
            guard shift < 35 else { throw ComposeError("a malformed integer at byte \(offset)") }
        }
        guard let value = UInt32(exactly: result) else { throw ComposeError("an integer out of range at byte \(offset)") }
        return value
    }

    /// A signed LEB128 s33 (a value type: a type index, or a negative primitive type code).
    mutating func s33() throws(ComposeError) -> Int64 {
        var result: Int64 = 0, shift: Int64 = 0, next: UInt8
        repeat {
            next = try byte()
            result |= Int64(next & 0x7f) << shift
            shift += 7
            guard shift <= 35 else { throw ComposeError("a malformed type at byte \(offset)") }
        } while next & 0x80 != 0
        if next & 0x40 != 0 { result |= -(Int64(1) << shift) }
        return result
    }

    mutating func slice(_ count: Int) throws(ComposeError) -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= end else { throw ComposeError("unexpected end of the component binary at byte \(offset)") }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func name() throws(ComposeError) -> String {
        let count = Int(try u32())
        return String(decoding: try slice(count), as: UTF8.self)
    }
}

/// Writes the component binary format.
extension Array where Element == UInt8 {
    mutating func u32(_ value: UInt32) {
        var value = value
        repeat {
            let low = UInt8(value & 0x7f)
            value >>= 7
            append(value == 0 ? low : low | 0x80)
        } while value != 0
    }

    mutating func s33(_ value: Int64) {
        var value = value
        while true {
            let low = UInt8(value & 0x7f)
            value >>= 7
            let done = (value == 0 && low & 0x40 == 0) || (value == -1 && low & 0x40 != 0)
            append(done ? low : low | 0x80)
            if done { return }
        }
    }

    mutating func name(_ text: String) {
        u32(UInt32(text.utf8.count))
        append(contentsOf: text.utf8)
    }

    /// A section: its id, its size and its contents.
    mutating func section(_ id: UInt8, _ contents: [UInt8]) {
        append(id)
        u32(UInt32(contents.count))
        append(contentsOf: contents)
    }
}

/// Why components cannot be composed, naming the input and what to do.
public struct ComposeError: Error, CustomStringConvertible, Sendable {
    public var description: String
    /// Set while copying an item that refers to this import, which a plugin satisfies.
    var blockedBy: String?

    public init(_ description: String) {
        self.description = description
    }

    init(blockedBy satisfiedImport: String) {
        description = "an item refers to \(satisfiedImport), which a plugin satisfies"
        blockedBy = satisfiedImport
    }
}
