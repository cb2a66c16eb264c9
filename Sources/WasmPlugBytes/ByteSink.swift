/// Where an encoder appends bytes: a `[UInt8]`, or any buffer that can grow at its end (the
/// RPC server encodes results straight into the SwiftNIO buffer it writes).
public protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer)
}

extension Array: ByteSink where Element == UInt8 {}
