import Foundation

/// How a NATS client proves who it is, by the NATS client protocol's `CONNECT` fields: a user
/// and password, a token, an NKey (signing the server's nonce), or a credentials file (a user
/// JWT and its NKey seed, as `nsc` writes them). Secrets are read from files or environment
/// variables when connecting; this value holds only where they are.
public struct NATSAuthentication: Sendable, Equatable {
    public var user: String?
    public var password: SecretSource?
    public var token: SecretSource?
    /// A file holding a user NKey seed (`SU...`).
    public var nkeySeedFile: String?
    /// A credentials file: `-----BEGIN NATS USER JWT-----` and `-----BEGIN USER NKEY SEED-----` blocks.
    public var credentialsFile: String?

    public init() {}

    /// The option keys, the same in `-P` items (`-P nats-user=NAME`) and as server options
    /// (`--nats-user NAME`).
    public static let optionKeys = [
        "nats-user", "nats-password-file", "nats-password-env", "nats-token-file", "nats-token-env", "nats-nkey-seed-file", "nats-creds",
    ]

    /// Sets one option of ``optionKeys``.
    public mutating func set(_ key: String, _ value: String) {
        switch key {
        case "nats-user": user = value
        case "nats-password-file": password = .file(value)
        case "nats-password-env": password = .environment(value)
        case "nats-token-file": token = .file(value)
        case "nats-token-env": token = .environment(value)
        case "nats-nkey-seed-file": nkeySeedFile = value
        default: credentialsFile = value
        }
    }

    /// Whether any method is configured.
    public var isConfigured: Bool { methods > 0 }

    private var methods: Int {
        [user != nil || password != nil, token != nil, nkeySeedFile != nil, credentialsFile != nil].filter { $0 }.count
    }

    /// Refuses a half or double configuration, naming the options (`prefix` is `-P ` or `--`).
    public func validate(optionPrefix prefix: String) throws(NATSError) {
        guard methods <= 1 else {
            throw NATSError("give one NATS authentication method: \(prefix)nats-user with \(prefix)nats-password-file or -env, "
                + "\(prefix)nats-token-file or -env, \(prefix)nats-nkey-seed-file, or \(prefix)nats-creds")
        }
        if (user == nil) != (password == nil) {
            throw NATSError("\(prefix)nats-user and \(prefix)nats-password-file (or \(prefix)nats-password-env) go together")
        }
    }

    /// The `CONNECT` line (and a `PING`, whose `PONG` says the server accepted it) answering the
    /// server's `INFO`, with the secrets read now. `server` names the server in errors, which
    /// never contain a secret.
    public func connectCommand(name: String, info: NATSServerInfo, server: String) throws(NATSError) -> [UInt8] {
        var fields = ConnectFields(name: name)
        do throws(NATSError) {
            if let user, let password {
                fields.user = user
                fields.pass = try password.read("the NATS password")
            } else if let token {
                fields.auth_token = try token.read("the NATS token")
            } else if let nkeySeedFile {
                let key: NKey
                do throws(NATSError) {
                    key = try NKey(seed: try SecretSource.file(nkeySeedFile).read("the NKey seed"))
                } catch {
                    throw NATSError("the file \(nkeySeedFile) holds no valid NKey seed (\(error.message))")
                }
                fields.nkey = key.publicKey
                fields.sig = try signature(of: info, with: key)
            } else if let credentialsFile {
                let (jwt, seed) = try Self.readCredentials(credentialsFile)
                fields.jwt = jwt
                fields.sig = try signature(of: info, with: seed)
            } else if info.authRequired {
                throw NATSError("it requires authentication: give nats-user with nats-password-file, nats-token-file, "
                    + "nats-nkey-seed-file or nats-creds (docs/rpc-plugins.md)")
            }
        } catch {
            throw NATSError("NATS server \(server): \(error.message)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let json = (try? encoder.encode(fields)) ?? Data()
        return Array("CONNECT ".utf8) + Array(json) + Array("\r\nPING\r\n".utf8)
    }

    /// A server's `-ERR` during the connection, as one line naming the server; a refusal of the
    /// credentials says which options to check.
    public static func refusal(_ text: String, server: String) -> NATSError {
        let lower = text.lowercased()
        if lower.contains("authorization") || lower.contains("authentication") || lower.contains("expired") {
            return NATSError("NATS server \(server) refused the credentials ('\(text.prefix(200))'): check the nats-* options "
                + "and that the server's configuration knows this user")
        }
        return NATSError("NATS server \(server) refused the connection: \(text.prefix(200))")
    }

    private func signature(of info: NATSServerInfo, with key: NKey) throws(NATSError) -> String {
        guard let nonce = info.nonce else {
            throw NATSError("it sent no nonce to sign, so it does not take NKey or JWT authentication")
        }
        return NKey.base64URL(try key.sign(Array(nonce.utf8)))
    }

    /// The user JWT and the NKey seed of a credentials file.
    static func readCredentials(_ path: String) throws(NATSError) -> (jwt: String, seed: NKey) {
        let text = try SecretSource.file(path).read("the NATS credentials")
        var blocks: [String: String] = [:]
        var open: String?
        for line in text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty {
            if line.hasPrefix("---") && line.contains("BEGIN") {
                open = line.contains("JWT") ? "jwt" : line.contains("SEED") ? "seed" : nil
            } else if line.hasPrefix("---") {
                open = nil
            } else if let name = open, blocks[name] == nil {
                blocks[name] = line
            }
        }
        guard let jwt = blocks["jwt"], let seed = blocks["seed"] else {
            throw NATSError("the credentials file \(path) lacks a NATS USER JWT block or a USER NKEY SEED block")
        }
        do throws(NATSError) {
            return (jwt, try NKey(seed: seed))
        } catch {
            throw NATSError("the credentials file \(path) holds no valid NKey seed (\(error.message))")
        }
    }
}

/// The `CONNECT` JSON: headers on, so a request nobody serves comes back as a 503 status.
private struct ConnectFields: Encodable {
    var verbose = false
    var pedantic = false
    var headers = true
    var no_responders = true
    var name: String
    var lang = "swift"
    var version = "0.1"
    var `protocol` = 1
    var user: String?
    var pass: String?
    var auth_token: String?
    var nkey: String?
    var sig: String?
    var jwt: String?

    init(name: String) { self.name = name }
}
