import Foundation
import WasmPlugNATS

/// A real nats-server on loopback that requires one authentication method, with the client's
/// `nats-*` options for it (secrets in files the test wrote) and options that it refuses.
public struct AuthenticatedNATS {
    public enum Method: String, CaseIterable, Sendable {
        case password, token, nkey, credentials
    }

    public let server: BackgroundProcess
    public let port: Int
    /// `nats-*` options (key, value) that authenticate.
    public let options: [(key: String, value: String)]
    /// `nats-*` options of the same method with a wrong secret (or an untrusted signer).
    public let wrongOptions: [(key: String, value: String)]

    /// Starts a nats-server requiring `method`, and TLS with `tls`'s server certificate if given.
    public static func start(_ method: Method, tls: TestCertificates? = nil) throws -> AuthenticatedNATS {
        let directory = try makeTemporaryDirectory()
        func file(_ name: String, _ contents: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try contents.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let secret = "s3-\(UInt64.random(in: 0...UInt64.max))"
        let configuration: String
        let options: [(key: String, value: String)], wrong: [(key: String, value: String)]
        switch method {
        case .password:
            configuration = "authorization { users = [ { user: \"wasmplug\", password: \"\(secret)\" } ] }"
            options = [("nats-user", "wasmplug"), ("nats-password-file", try file("password", secret + "\n"))]
            wrong = [("nats-user", "wasmplug"), ("nats-password-file", try file("wrong-password", "not-\(secret)"))]
        case .token:
            configuration = "authorization { token: \"\(secret)\" }"
            options = [("nats-token-file", try file("token", secret))]
            wrong = [("nats-token-file", try file("wrong-token", "not-\(secret)"))]
        case .nkey:
            let user = NKey(kind: .user)
            configuration = "authorization { users = [ { nkey: \"\(user.publicKey)\" } ] }"
            options = [("nats-nkey-seed-file", try file("user.nk", user.seed))]
            wrong = [("nats-nkey-seed-file", try file("other.nk", NKey(kind: .user).seed))]
        case .credentials:
            let accounts = NATSOperatorAccounts()
            configuration = accounts.serverConfiguration
            options = [("nats-creds", try file("user.creds", try accounts.credentials(signedBy: accounts.account)))]
            wrong = [("nats-creds", try file("untrusted.creds", try accounts.credentials(signedBy: NKey(kind: .account))))]
        }
        let tlsBlock = tls.map { "\ntls { cert_file: \"\($0.serverCertificate)\", key_file: \"\($0.serverKey)\" }" } ?? ""
        let (server, port) = try startNATSServer(configuration: configuration + tlsBlock)
        return AuthenticatedNATS(server: server, port: port, options: options, wrongOptions: wrong)
    }

    /// The options as one `-P` item's text: `nats-user=...,nats-password-file=...`.
    public static func item(_ options: [(key: String, value: String)]) -> String {
        options.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The options as a server's command-line options: `--nats-user ... --nats-password-file ...`.
    public static func arguments(_ options: [(key: String, value: String)]) -> [String] {
        options.flatMap { ["--\($0.key)", $0.value] }
    }

    /// The options as the SDK's configuration.
    public static func authentication(_ options: [(key: String, value: String)]) -> NATSAuthentication {
        var authentication = NATSAuthentication()
        for option in options { authentication.set(option.key, option.value) }
        return authentication
    }
}

/// An operator, an account it signs and users, as NATS's decentralized authentication has them:
/// JWTs signed with NKeys (written here without `nsc`), for a server in operator mode with the
/// account preloaded in memory.
public struct NATSOperatorAccounts {
    public let operatorKey = NKey(kind: .`operator`)
    public let account = NKey(kind: .account)

    public init() {}

    /// nats-server's configuration trusting the operator, with the account preloaded.
    public var serverConfiguration: String {
        let operatorJWT = try! Self.jwt(issuer: operatorKey, subject: operatorKey.publicKey, nats: ["type": "operator", "version": 2])
        let accountJWT = try! Self.jwt(issuer: operatorKey, subject: account.publicKey, nats: [
            "type": "account", "version": 2,
            "limits": ["subs": -1, "data": -1, "payload": -1, "imports": -1, "exports": -1, "wildcards": true, "conn": -1, "leaf": -1],
        ])
        return """
            operator: "\(operatorJWT)"
            resolver: MEMORY
            resolver_preload: { \(account.publicKey): "\(accountJWT)" }
            """
    }

    /// A credentials file of a new user whose JWT `signer` signed (the account, or an untrusted
    /// one), expiring at `expires` if given.
    public func credentials(signedBy signer: NKey, expires: Date? = nil) throws -> String {
        let user = NKey(kind: .user)
        let jwt = try Self.jwt(issuer: signer, subject: user.publicKey, expires: expires, nats: [
            "type": "user", "version": 2, "subs": -1, "data": -1, "payload": -1, "pub": [String: Any](), "sub": [String: Any](),
        ])
        return """
            -----BEGIN NATS USER JWT-----
            \(jwt)
            ------END NATS USER JWT------

            -----BEGIN USER NKEY SEED-----
            \(user.seed)
            ------END USER NKEY SEED------

            """
    }

    static func jwt(issuer: NKey, subject: String, expires: Date? = nil, nats: [String: Any]) throws -> String {
        var claims: [String: Any] = [
            "jti": "\(UInt64.random(in: 0...UInt64.max))", "iat": Int(Date().timeIntervalSince1970) - 60,
            "iss": issuer.publicKey, "sub": subject, "name": String(subject.prefix(8)), "nats": nats,
        ]
        if let expires { claims["exp"] = Int(expires.timeIntervalSince1970) }
        let header = NKey.base64URL(Array(#"{"typ":"JWT","alg":"ed25519-nkey"}"#.utf8))
        let payload = NKey.base64URL(Array(try JSONSerialization.data(withJSONObject: claims)))
        let signature = NKey.base64URL(try issuer.sign(Array("\(header).\(payload)".utf8)))
        return "\(header).\(payload).\(signature)"
    }
}
