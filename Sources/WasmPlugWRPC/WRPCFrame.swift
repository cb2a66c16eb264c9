import WasmPlugBytes

/// wRPC's framed stream (`SPEC.md`, "Framed stream specification"), used by transports that do
/// not multiplex on their own (TCP, Unix sockets): the client writes a version byte, an
/// invocation header and frames; the server answers with frames. Closing is signalled out of
/// band (shutting the write side down).
public enum WRPCFraming {
    /// The only protocol version byte defined.
    public static let version: UInt8 = 0

    /// The start of an invocation stream: the version byte, then the header record
    /// `{instance: string, name: string}` in the value definition encoding.
    public static func header(instance: String, function: String) -> [UInt8] {
        var bytes: [UInt8] = [version]
        appendName(instance, to: &bytes)
        appendName(function, to: &bytes)
        return bytes
    }

    /// Appends the frame `{path: list<u32>, data: list<u8>}` to `buffer`; `data` may be longer
    /// than `u32` allows in the value encoding, as wRPC's own codec lets it be (a `u64` length).
    public static func appendFrame(path: [UInt32] = [], data: some Collection<UInt8>, to buffer: inout [UInt8]) {
        buffer.reserveCapacity(buffer.count + data.count + 16)
        appendFrameHeader(path: path, dataCount: data.count, to: &buffer)
        buffer.append(contentsOf: data)
    }

    /// Appends what comes before a frame's data: its path and the data's length. For writers
    /// that send the data from where it already is.
    public static func appendFrameHeader(path: [UInt32], dataCount: Int, to buffer: inout [UInt8]) {
        LEB128.appendUnsigned(UInt64(path.count), to: &buffer)
        for index in path { LEB128.appendUnsigned(UInt64(index), to: &buffer) }
        LEB128.appendUnsigned(UInt64(dataCount), to: &buffer)
    }

    private static func appendName(_ name: String, to buffer: inout [UInt8]) {
        LEB128.appendUnsigned(UInt64(name.utf8.count), to: &buffer)
        buffer.append(contentsOf: name.utf8)
    }
}

/// What a framed stream carries: the header (server side only) and frames.
public enum WRPCStreamEvent: Equatable, Sendable {
    case header(instance: String, function: String)
    case frame(path: [UInt32], data: [UInt8])
}
