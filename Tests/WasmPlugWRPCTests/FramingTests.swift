import WasmPlugEngine
import WasmPlugWRPC
import XCTest

/// wRPC's framed stream: the version byte, the header, frames of index path and data.
final class FramingTests: XCTestCase {
    /// The frames of wRPC's own codec test: path [0, 1, 2] with "test", an empty root frame, and
    /// path [0x42] with a 9-byte UTF-8 string.
    func testFramesMatchWRPCsEncoding() {
        var bytes: [UInt8] = []
        WRPCFraming.appendFrame(path: [0, 1, 2], data: Array("test".utf8), to: &bytes)
        WRPCFraming.appendFrame(path: [], data: [], to: &bytes)
        WRPCFraming.appendFrame(path: [0x42], data: Array("\u{7f}ƒ𐍈Ő".utf8), to: &bytes)
        XCTAssertEqual(bytes, [3, 0, 1, 2, 4] + Array("test".utf8) + [0, 0] + [1, 0x42, 9] + Array("\u{7f}ƒ𐍈Ő".utf8))
    }

    func testTheHeaderIsTheVersionByteThenTwoNames() {
        XCTAssertEqual(WRPCFraming.header(instance: "wasi:kv/store", function: "get"),
                       [0, 13] + Array("wasi:kv/store".utf8) + [3] + Array("get".utf8))
    }

    func testAStreamParsesWhateverWayItArrives() throws {
        var stream = WRPCFraming.header(instance: "a:b/c@1.0.0", function: "[method]r.m")
        WRPCFraming.appendFrame(data: [1, 2, 3], to: &stream)
        WRPCFraming.appendFrame(path: [7, 300], data: Array(repeating: 9, count: 200), to: &stream)
        let expected: [WRPCStreamEvent] = [
            .header(instance: "a:b/c@1.0.0", function: "[method]r.m"),
            .frame(path: [], data: [1, 2, 3]),
            .frame(path: [7, 300], data: Array(repeating: 9, count: 200)),
        ]
        for chunkSize in [1, 2, 7, stream.count] {
            var parser = WRPCStreamParser(expectsHeader: true)
            var events: [WRPCStreamEvent] = []
            for start in stride(from: 0, to: stream.count, by: chunkSize) {
                parser.append(stream[start..<min(stream.count, start + chunkSize)])
                while let event = try parser.next() { events.append(event) }
            }
            XCTAssertEqual(events, expected, "in chunks of \(chunkSize)")
            XCTAssertFalse(parser.hasPartialInput)
        }
    }

    /// A session's stream: calls one after another, a large frame arriving in many reads (its
    /// data collected as it comes) with the next call's bytes in the same read as its end, and an
    /// error after it reported at its offset in the whole stream.
    func testCallsOneAfterAnotherParseAndAnErrorAfterALargeFrameNamesItsOffset() throws {
        let large = (0..<100_000).map { UInt8(truncatingIfNeeded: $0) }
        var stream = WRPCFraming.header(instance: "a:b/c", function: "f")
        WRPCFraming.appendFrame(data: large, to: &stream)
        stream += WRPCFraming.header(instance: "a:b/c", function: "g")
        WRPCFraming.appendFrame(data: [7], to: &stream)
        let badOffset = stream.count
        stream += [9]  // a version byte that is not 0
        var parser = WRPCStreamParser(expectsHeader: true)
        var events: [WRPCStreamEvent] = []
        var failure: WRPCError?
        for start in stride(from: 0, to: stream.count, by: 4096) {
            stream[start..<min(stream.count, start + 4096)].withUnsafeBytes { parser.append($0) }
            do {
                while let event = try parser.next() {
                    events.append(event)
                    if case .frame = event { parser.expectHeader() }
                }
            } catch {
                failure = error
            }
        }
        XCTAssertEqual(events, [.header(instance: "a:b/c", function: "f"), .frame(path: [], data: large),
                                .header(instance: "a:b/c", function: "g"), .frame(path: [], data: [7])])
        XCTAssertEqual(failure?.kind, .unsupportedVersion)
        XCTAssertEqual(failure?.offset, badOffset)
    }

    func testAFrameClaimingFourGibibytesIsRefusedFromItsLength() {
        var parser = WRPCStreamParser(expectsHeader: false, maxFrameSize: 1 << 20)
        parser.append([0x00, 0x80, 0x80, 0x80, 0x80, 0x10])
        XCTAssertThrowsError(try parser.next()) { error in
            XCTAssertEqual((error as? WRPCError)?.kind, .lengthTooLarge)
            XCTAssertTrue("\(error)".contains("claims 4294967296 bytes"), "\(error)")
        }
    }

    func testHostileStreamsAreRefused() {
        let cases: [(bytes: [UInt8], expectsHeader: Bool, kind: WRPCError.Kind)] = [
            ([1, 0, 0], true, .unsupportedVersion),
            ([0, 2, 0xff, 0xfe, 0], true, .invalidUTF8),
            ([0, 0xff, 0xff, 0xff, 0xff, 0x0f], true, .lengthTooLarge),     // a 4 GiB instance name
            ([33] + Array(repeating: 0, count: 40), false, .lengthTooLarge),  // a path 33 deep
            ([1, 0x80, 0x80, 0x80, 0x80, 0x80], false, .invalidLEB128),       // a path index past u32
        ]
        for (bytes, expectsHeader, kind) in cases {
            var parser = WRPCStreamParser(expectsHeader: expectsHeader)
            parser.append(bytes)
            XCTAssertThrowsError(try parser.next(), "\(bytes)") { error in
                XCTAssertEqual((error as? WRPCError)?.kind, kind, "\(bytes): \(error)")
            }
        }
    }

    func testAnIncompleteFrameWaitsForMoreBytes() throws {
        var parser = WRPCStreamParser(expectsHeader: false)
        parser.append([0x00, 0x05, 1, 2])
        XCTAssertNil(try parser.next())
        XCTAssertTrue(parser.hasPartialInput, "at end of stream, this is a truncated frame")
        parser.append([3, 4, 5])
        XCTAssertEqual(try parser.next(), .frame(path: [], data: [1, 2, 3, 4, 5]))
    }

    /// Reads as a socket gives them (at most `chunkSize` bytes each), the frame's data read
    /// straight into the frame once its header is parsed: the same events, with the next
    /// frame's bytes never taken by the direct reads.
    func testFrameDataReadStraightIntoTheFrameGivesTheSameEvents() throws {
        var stream: [UInt8] = []
        let large = (0..<200_000).map { UInt8(truncatingIfNeeded: $0) }
        WRPCFraming.appendFrame(data: large, to: &stream)
        WRPCFraming.appendFrame(data: [4, 5], to: &stream)
        for chunkSize in [3, 4096, 65536, stream.count] {
            var parser = WRPCStreamParser(expectsHeader: false)
            var offset = 0, directReads = 0
            var events: [WRPCStreamEvent] = []
            func read(into space: UnsafeMutableRawBufferPointer) -> Int {
                let count = min(chunkSize, space.count, stream.count - offset)
                space.copyBytes(from: stream[offset..<offset + count])
                offset += count
                return count
            }
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
            defer { scratch.deallocate() }
            while true {
                while let event = try parser.next() { events.append(event) }
                if let count = parser.receiveFrameData(read) {
                    directReads += 1
                    if count == 0 { break }
                    continue
                }
                let count = read(into: scratch)
                if count == 0 { break }
                parser.append(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
            }
            XCTAssertEqual(events, [.frame(path: [], data: large), .frame(path: [], data: [4, 5])], "in reads of \(chunkSize)")
            XCTAssertFalse(parser.hasPartialInput)
            if chunkSize < large.count { XCTAssertGreaterThan(directReads, 0, "reads of \(chunkSize) went into the frame") }
        }
    }

    /// An encoding in parts holds its large strings by reference, and joins to the bytes the
    /// plain encoder writes.
    func testSegmentsReferenceLargeStringsAndJoinToTheEncoding() throws {
        let large = String(repeating: "é", count: WRPCSegments.referencedStringSize)
        let values: [Value] = [.u32(7), .string("small"), .string(large), .u8(1)]
        let types: [ValueType] = [.u32, .string, .string, .u8]
        var segments = WRPCSegments()
        try WRPCEncoder.encode(values, as: types, appendingTo: &segments)
        let plain = try WRPCEncoder.encode(values, as: types)
        XCTAssertEqual(segments.joined, plain)
        XCTAssertEqual(segments.count, plain.count)
        XCTAssertEqual(segments.parts.count, 3, "bytes, the large string, bytes")
        guard case .string(let kept) = segments.parts[1] else { return XCTFail("the large string was copied") }
        XCTAssertEqual(kept, large)
    }
}
