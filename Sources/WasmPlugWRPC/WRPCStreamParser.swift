import WasmPlugBytes

/// Reads a wRPC framed stream incrementally, as bytes arrive from an untrusted peer.
///
/// Feed it whatever was received with ``append(_:)`` and take events with ``next()`` until it
/// returns `nil` (more bytes needed). Nothing a peer sends is trusted: the version byte must be
/// 0, names must be UTF-8 within 64 KiB, a path at most ``maxDepth`` deep, and a frame's data at
/// most ``maxFrameSize`` bytes, checked before a byte of it is buffered beyond what arrived.
public struct WRPCStreamParser: Sendable {
    /// The largest frame payload accepted, in bytes.
    public let maxFrameSize: Int
    /// The deepest index path accepted.
    public let maxDepth: Int
    private var expectsHeader: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes consumed before `buffer[0]`, for error offsets.
    private var consumed = 0
    /// The length of the frame whose data is still arriving, once known: received bytes of its
    /// data go straight into `pendingData` (reserved whole), which becomes the event's data as it is.
    private var pendingLength: Int?
    private var pendingPath: [UInt32] = []
    private var pendingData: [UInt8] = []

    /// A parser for the server side (`expectsHeader`: version byte and header first) or the
    /// client side (frames only).
    public init(expectsHeader: Bool, maxFrameSize: Int = 64 << 20, maxDepth: Int = 32) {
        self.expectsHeader = expectsHeader
        self.maxFrameSize = maxFrameSize
        self.maxDepth = maxDepth
    }

    /// Whether bytes were received that do not yet make a whole event: at end of stream, these
    /// mean the peer stopped mid-frame.
    public var hasPartialInput: Bool { start < buffer.count || pendingLength != nil }

    /// Makes the next event a new call's header, for a stream that carries one call after
    /// another (wasmplug's sessions, `docs/rpc-plugins.md`).
    public mutating func expectHeader() {
        expectsHeader = true
    }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        guard bytes.withContiguousStorageIfAvailable({ append(UnsafeRawBufferPointer($0)) }) != nil else {
            return append(Array(bytes))
        }
    }

    /// Adds received bytes, from where they were received.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes
        if let length = pendingLength {
            let taken = min(length - pendingData.count, bytes.count)
            pendingData.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<taken]))
            rest = UnsafeRawBufferPointer(rebasing: bytes[taken...])
        }
        guard !rest.isEmpty else { return }
        if start > 0 && start >= buffer.count / 2 {
            consumed += start
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: rest)
    }

    /// While a frame's data is still arriving, lets `receive` write the next part of it straight
    /// into the frame (a socket read, which then needs no buffer of its own and no copy from
    /// it) and returns what `receive` returned: how many bytes it wrote, 0 at end of stream.
    /// Returns `nil`, calling nothing, when no frame's data is pending: read into a buffer and
    /// ``append(_:)-5ziqc`` it then.
    public mutating func receiveFrameData<E: Error>(_ receive: (UnsafeMutableRawBufferPointer) throws(E) -> Int) throws(E) -> Int? {
        guard let length = pendingLength, pendingData.count < length else { return nil }
        var received = 0
        try pendingData.append(addingCapacity: length - pendingData.count) { (span: inout OutputSpan<UInt8>) throws(E) in
            try span.withUnsafeMutableBufferPointer { (buffer, count) throws(E) in
                received = min(try receive(UnsafeMutableRawBufferPointer(buffer)), buffer.count)
                count = received
            }
        }
        return received
    }

    /// The next complete event, or `nil` when more bytes are needed; throws for input that can
    /// never become valid.
    public mutating func next() throws(WRPCError) -> WRPCStreamEvent? {
        if let length = pendingLength {
            guard pendingData.count == length else { return nil }
            pendingLength = nil
            defer { pendingData = [] }
            return .frame(path: pendingPath, data: pendingData)
        }
        let parsed: Parsed
        do {
            var reader = ByteReader<WRPCError>(buffer, from: start)
            parsed = expectsHeader ? try readHeader(&reader) : try readFrame(&reader)
        } catch where error.kind == .truncated {
            return nil
        } catch {
            throw WRPCError(error.kind, error.message, offset: error.offset.map { $0 + consumed })
        }
        // The reader is gone, so `buffer` is changed in place, not copied.
        switch parsed {
        case .event(let event, let end):
            expectsHeader = false
            start = end
            return event
        case .frameStarted(let path, let dataStart, let length):
            pendingPath = path
            pendingLength = length
            pendingData.reserveCapacity(length)
            pendingData.append(contentsOf: buffer[dataStart...])
            consumed += dataStart + length
            buffer.removeAll(keepingCapacity: true)
            start = 0
            return nil
        }
    }

    /// What one read of `buffer` found: a whole event ending at `end`, or the start of a frame
    /// whose data has not all arrived.
    private enum Parsed {
        case event(WRPCStreamEvent, end: Int)
        case frameStarted(path: [UInt32], dataStart: Int, length: Int)
    }

    private func readHeader(_ reader: inout ByteReader<WRPCError>) throws(WRPCError) -> Parsed {
        let versionOffset = reader.offset
        let version = try reader.byte("version byte")
        guard version == WRPCFraming.version else {
            throw WRPCError(.unsupportedVersion, "wRPC stream version \(version) is not supported (expected 0)", offset: versionOffset)
        }
        let instance = try name("instance name", &reader)
        let function = try name("function name", &reader)
        return .event(.header(instance: instance, function: function), end: reader.offset)
    }

    private func name(_ what: String, _ reader: inout ByteReader<WRPCError>) throws(WRPCError) -> String {
        let length = try reader.length(what, cap: 1 << 16)
        let start = reader.offset
        let bytes = try reader.slice(length, what)
        guard let name = String(validating: bytes, as: UTF8.self) else {
            throw WRPCError(.invalidUTF8, "\(what) is not UTF-8", offset: start)
        }
        return name
    }

    private func readFrame(_ reader: inout ByteReader<WRPCError>) throws(WRPCError) -> Parsed {
        let depth = try reader.length("frame path", cap: maxDepth)
        var path: [UInt32] = []
        path.reserveCapacity(depth)
        for _ in 0..<depth { path.append(UInt32(try reader.unsigned(bits: 32, "frame path index"))) }
        let lengthOffset = reader.offset
        let length = try reader.unsigned(bits: 64, "frame data length")
        guard length <= UInt64(maxFrameSize) else {
            throw WRPCError(.lengthTooLarge, "a frame claims \(length) bytes of data, more than the limit of \(maxFrameSize)",
                            offset: lengthOffset)
        }
        guard Int(length) <= reader.remaining else {
            return .frameStarted(path: path, dataStart: reader.offset, length: Int(length))
        }
        let data = Array(try reader.slice(Int(length), "frame data"))
        return .event(.frame(path: path, data: data), end: reader.offset)
    }
}
