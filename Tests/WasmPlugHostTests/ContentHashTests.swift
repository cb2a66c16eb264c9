import Foundation
import WasmPlugCache
import WasmPlugHost
import WasmPlugProvider
import XCTest

final class ContentHashTests: XCTestCase {
    func hash(_ text: String, seed: UInt64 = 0) -> UInt64 {
        Array(text.utf8).withUnsafeBytes { ContentHash.xxh64($0, seed: seed) }
    }

    /// Published XXH64 test vectors.
    func testKnownVectors() {
        XCTAssertEqual(hash(""), 0xEF46_DB37_51D8_E999)
        XCTAssertEqual(hash("a"), 0xD24E_C4F1_A98C_6E5B)
        XCTAssertEqual(hash("abc"), 0x44BC_2CF5_AD77_0999)
        XCTAssertEqual(hash("Nobody inspects the spammish repetition"), 0xFBCE_A83C_8A37_8BF1)
    }

    func testEveryTailLengthAndLongInputsDiffer() {
        let text = String(repeating: "WasmPlug runs components. ", count: 10)
        let digests = (0...text.utf8.count).map { hash(String(text.prefix($0))) }
        XCTAssertEqual(Set(digests).count, digests.count, "every prefix hashes differently")
        XCTAssertNotEqual(hash(text, seed: 1), hash(text))
    }

    /// A file is hashed a chunk at a time, and gets the identifier its bytes get in memory.
    func testAFileHashedInChunksHasTheIdentifierOfItsBytes() throws {
        let bytes = (0..<(2 << 20) + 45).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("content-hash-\(getpid()).bin")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(bytes).write(to: file)
        let expected = bytes.withUnsafeBytes { ContentHash.identifier(of: $0) }
        XCTAssertEqual(ContentHash.identifier(ofFileAt: file.path), expected)
        XCTAssertNil(ContentHash.identifier(ofFileAt: file.path + ".missing"))
    }

    func testIdentifierIs128BitsOfHex() {
        let id = Array("component".utf8).withUnsafeBytes { ContentHash.identifier(of: $0) }
        XCTAssertEqual(id.count, 32)
        XCTAssertTrue(id.allSatisfy { $0.isHexDigit })
    }
}
