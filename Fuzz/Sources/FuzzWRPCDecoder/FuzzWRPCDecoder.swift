import FuzzSupport
import WasmPlugEngine
import WasmPlugNATS
import WasmPlugWRPC

/// Hostile bytes against everything that reads a wRPC or NATS peer's input: the value decoder,
/// the framed-stream parser and the NATS protocol parser. Errors are expected; crashes, hangs
/// and allocations beyond the input's size are bugs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let selector = input.byte()
    let chunking = input.byte()
    let table = knownTypes
    let type = selector < UInt8(table.count) ? table[Int(selector)] : input.valueType()
    let payload = Array(input.bytes[input.offset...])
    decodeValues(type, payload)
    parseStream(payload, chunking: chunking, expectsHeader: selector & 1 == 0)
    parseNATS(payload, chunking: chunking)
    return 0
}

/// Types whose decoding has edge cases of its own; the first input byte picks one (or, past
/// the table, the next bytes build a type). Built per input rather than kept in a global, which
/// LeakSanitizer would report: it cannot see Swift's tagged references to indirect-enum boxes.
var knownTypes: [ValueType] { [
    .string, .char, .list(.u8), .list(.string), .u64, .s64, .f64,
    .record([.init("id", .u32), .init("name", .string), .init("tags", .list(.string)), .init("ratio", .f32)]),
    .variant([.init("none"), .init("one", .u8), .init("many", .list(.option(.s16)))]),
    .list(.result(ok: .string, err: .enumeration(["a", "b", "c"]))),
    .option(.option(.tuple([.char, .bool]))),
    .flags((0..<17).map { "f\($0)" }),
    .list(.list(.list(.u8))),
    .list(.record([.init("a", .f64), .init("b", .f64)])),
    .tuple([.u16, .s32, .result(ok: nil, err: nil), .flags(["x"])]),
    .list(.record([])),
] }

/// Decodes values of `type` one after another, with a small length cap and the default one.
func decodeValues(_ type: ValueType, _ bytes: [UInt8]) {
    for decoder in [WRPCDecoder(maxLength: 16), WRPCDecoder()] {
        var offset = 0
        while offset < bytes.count {
            let before = offset
            guard let value = try? decoder.decode(type, from: bytes, at: &offset) else { break }
            if offset <= before { fuzzFailure("decoding \(type) did not advance") }
            // What was decoded must encode back to the same bytes, up to NaN canonicalisation
            // and LEB128's redundant forms, so only the value is compared after a second decode.
            var encoded: [UInt8] = []
            do {
                try WRPCEncoder.encode(value, as: type, into: &encoded)
                var again = 0
                let decoded = try WRPCDecoder().decode(type, from: encoded, at: &again)
                guard decoded.isEquivalent(to: value), again == encoded.count else {
                    fuzzFailure("\(value) as \(type) re-decoded as \(decoded)")
                }
            } catch {
                fuzzFailure("re-encoding decoded \(value) as \(type) failed: \(error)")
            }
        }
    }
}

/// Feeds a framed stream in chunks whose sizes come from `chunking`.
func parseStream(_ bytes: [UInt8], chunking: UInt8, expectsHeader: Bool) {
    var parser = WRPCStreamParser(expectsHeader: expectsHeader, maxFrameSize: 1 << 20, maxDepth: 8)
    forEachChunk(of: bytes, chunking: chunking) { chunk in
        parser.append(chunk)
        do {
            while let event = try parser.next() {
                if case .frame(let path, _) = event, path.count > 8 { fuzzFailure("a path deeper than the limit") }
            }
            return true
        } catch {
            return false
        }
    }
}

/// Feeds the NATS parser the same way.
func parseNATS(_ bytes: [UInt8], chunking: UInt8) {
    var parser = NATSParser(maxLine: 256, maxPayload: 1 << 16)
    forEachChunk(of: bytes, chunking: chunking) { chunk in
        parser.append(chunk)
        do {
            while try parser.next() != nil {}
            return true
        } catch {
            return false
        }
    }
}

/// Calls `body` with consecutive chunks of `bytes` (1 to 16 bytes, or all at once when
/// `chunking` is 0), until it returns false.
func forEachChunk(of bytes: [UInt8], chunking: UInt8, _ body: (ArraySlice<UInt8>) -> Bool) {
    var start = 0
    var step = UInt(chunking)
    while start < bytes.count {
        let size = chunking == 0 ? bytes.count : 1 + Int(step % 16)
        step = step &* 31 &+ 7
        let end = min(bytes.count, start + size)
        guard body(bytes[start..<end]) else { return }
        start = end
    }
}
