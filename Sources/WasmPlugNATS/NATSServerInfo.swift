import Foundation

/// What a NATS server's `INFO` says that a client acts on.
public struct NATSServerInfo: Equatable, Sendable, Decodable {
    /// The largest payload the server accepts in one message.
    public var maxPayload = 1 << 20
    /// Whether the server refuses clients that do not authenticate.
    public var authRequired = false
    /// Whether the server speaks only TLS (after this INFO).
    public var tlsRequired = false
    /// Whether the server takes TLS from clients that ask (`allow_non_tls`).
    public var tlsAvailable = false
    /// What an NKey or a JWT user signs to prove it holds its seed.
    public var nonce: String?

    public init(maxPayload: Int = 1 << 20, authRequired: Bool = false, tlsRequired: Bool = false, nonce: String? = nil) {
        self.maxPayload = maxPayload
        self.authRequired = authRequired
        self.tlsRequired = tlsRequired
        self.nonce = nonce
    }

    enum CodingKeys: String, CodingKey {
        case maxPayload = "max_payload", authRequired = "auth_required", tlsRequired = "tls_required", tlsAvailable = "tls_available", nonce
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        maxPayload = try container.decodeIfPresent(Int.self, forKey: .maxPayload) ?? 1 << 20
        authRequired = try container.decodeIfPresent(Bool.self, forKey: .authRequired) ?? false
        tlsRequired = try container.decodeIfPresent(Bool.self, forKey: .tlsRequired) ?? false
        tlsAvailable = try container.decodeIfPresent(Bool.self, forKey: .tlsAvailable) ?? false
        nonce = try container.decodeIfPresent(String.self, forKey: .nonce)
    }

    /// The fields of `INFO {json}`; the server's defaults for what it leaves out.
    static func parse(_ json: Substring) throws(NATSError) -> NATSServerInfo {
        do {
            return try JSONDecoder().decode(NATSServerInfo.self, from: Data(json.utf8))
        } catch {
            throw NATSError("NATS server sent an INFO that is not valid JSON: \(json.prefix(200))")
        }
    }
}
