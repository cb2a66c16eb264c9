/// Where an encoder appends bytes: a `[UInt8]`, or any buffer that can grow at its end (the
/// RPC server encodes results straight into the SwiftNIO buffer it writes).
public protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer)
    /// Appends a string's UTF-8; a sink may keep the string itself rather than copy its bytes.
    mutating func append(utf8 string: String)
}

extension ByteSink {
    public mutating func append(utf8 string: String) {
        var string = string
        string.withUTF8 { append(contentsOf: UnsafeRawBufferPointer($0)) }
    }
}

extension Array: ByteSink where Element == UInt8 {}
