import Crypto
import Foundation

/// An NKey: NATS's Ed25519 key pair, written as base32 text of a type prefix, the key and a
/// CRC-16. A seed (the private half) reads `SU...` for a user; a public key `U...`.
public struct NKey {
    /// What the key belongs to: the prefix byte of its public key.
    public enum Kind: UInt8, Sendable {
        case account = 0      // A
        case `operator` = 112 // O
        case user = 160       // U
    }

    public let kind: Kind
    private let key: Curve25519.Signing.PrivateKey

    /// The prefix byte of every seed (`S`).
    private static let seedPrefix: UInt8 = 144

    /// Reads a seed; the error never contains the seed.
    public init(seed text: String) throws(NATSError) {
        guard let raw = NKeyText.decode(text), raw.count == 34 else {
            throw NATSError("not an NKey seed (base32 text of 58 characters beginning with S)")
        }
        guard raw[0] & 0xF8 == Self.seedPrefix else { throw NATSError("not an NKey seed: it does not begin with S") }
        let kindByte = (raw[0] & 0x07) << 5 | (raw[1] & 0xF8) >> 3
        guard let kind = Kind(rawValue: kindByte) else { throw NATSError("not an NKey seed of a user, account or operator") }
        do {
            self.init(kind: kind, key: try Curve25519.Signing.PrivateKey(rawRepresentation: raw[2..<34]))
        } catch {
            throw NATSError("not a valid NKey seed: \(error)")
        }
    }

    /// A new random key.
    public init(kind: Kind) {
        self.init(kind: kind, key: Curve25519.Signing.PrivateKey())
    }

    private init(kind: Kind, key: Curve25519.Signing.PrivateKey) {
        self.kind = kind
        self.key = key
    }

    /// The public key's text (`U...`, `A...`, `O...`).
    public var publicKey: String {
        NKeyText.encode([kind.rawValue] + key.publicKey.rawRepresentation)
    }

    /// The seed's text, for writing a credentials file; a secret.
    public var seed: String {
        NKeyText.encode([Self.seedPrefix | kind.rawValue >> 5, (kind.rawValue & 0x1F) << 3] + key.rawRepresentation)
    }

    /// The Ed25519 signature of `bytes`.
    public func sign(_ bytes: some DataProtocol) throws(NATSError) -> [UInt8] {
        do {
            return Array(try key.signature(for: bytes))
        } catch {
            throw NATSError("cannot sign with the NKey: \(error)")
        }
    }

    /// `bytes` in URL-safe base64 without padding, as NATS writes signatures and JWTs.
    public static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// NKeys' text: RFC 4648 base32 without padding, of the bytes followed by their CRC-16
/// (XMODEM, little-endian).
enum NKeyText {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        let checksum = crc16(bytes)
        let all = bytes + [UInt8(checksum & 0xFF), UInt8(checksum >> 8)]
        var text: [UInt8] = []
        var bits = 0, value = 0
        for byte in all {
            value = value << 8 | Int(byte)
            bits += 8
            while bits >= 5 {
                text.append(alphabet[(value >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { text.append(alphabet[(value << (5 - bits)) & 31]) }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes `text` encodes, without the checksum; `nil` if it is not base32 or the checksum
    /// does not match.
    static func decode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var bits = 0, value = 0
        for character in text.utf8 {
            guard let digit = alphabet.firstIndex(of: character) else { return nil }
            value = (value << 5 | digit) & 0xFFFF
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((value >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        guard bytes.count > 2 else { return nil }
        let body = Array(bytes.dropLast(2))
        let checksum = UInt16(bytes[bytes.count - 2]) | UInt16(bytes[bytes.count - 1]) << 8
        return crc16(body) == checksum ? body : nil
    }

    static func crc16(_ bytes: [UInt8]) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 { crc = crc & 0x8000 != 0 ? crc << 1 ^ 0x1021 : crc << 1 }
        }
        return crc
    }
}
