import WasmPlugBytes

/// Reads the component binary format: LEB128 integers and names.
extension ByteReader<ComposeError> {
    /// An unsigned LEB128 u32.
    mutating func u32() throws(ComposeError) -> UInt32 {
        UInt32(try unsigned(bits: 32, "integer"))
    }

    /// A signed LEB128 s33 (a value type: a type index, or a negative primitive type code).
    mutating func s33() throws(ComposeError) -> Int64 {
        try signed(bits: 33, "type")
    }

    mutating func name() throws(ComposeError) -> String {
        let count = Int(try u32())
        return String(decoding: try slice(count, "a name"), as: UTF8.self)
    }
}

/// Writes the component binary format.
extension Array where Element == UInt8 {
    mutating func u32(_ value: UInt32) {
        LEB128.appendUnsigned(UInt64(value), to: &self)
    }

    mutating func s33(_ value: Int64) {
        LEB128.appendSigned(value, to: &self)
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

extension ComposeError: ByteReaderError {
    public static func truncated(inside what: String, needed: Int?, remaining: Int, at offset: Int) -> ComposeError {
        ComposeError("unexpected end of the component binary at byte \(offset)")
    }

    public static func invalidLEB128(_ what: String, _ problem: String, at offset: Int) -> ComposeError {
        ComposeError("a malformed \(what) at byte \(offset): \(problem)")
    }
}
