import Glibc
import NIOSSL

/// TLS for an RPC connection, from files named by options: the CAs that sign the peer's
/// certificate (`tls-ca`), our own certificate and key (`tls-cert`, `tls-key`: a client's for
/// mutual TLS, or a server's), and the name the peer's certificate must carry
/// (`tls-server-name`, default the host connected to). The key is read from its file when
/// connecting; this value holds only paths.
public struct TLSSettings: Sendable, Equatable {
    public var caFile: String?
    public var certificateFile: String?
    public var keyFile: String?
    public var serverName: String?

    public init(caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil, serverName: String? = nil) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.serverName = serverName
    }

    /// The option keys, the same in `-P` items (`-P tls-ca=FILE`) and as server options (`--tls-ca FILE`).
    public static let optionKeys = ["tls-ca", "tls-cert", "tls-key", "tls-server-name"]

    /// Sets one option of ``optionKeys``.
    public mutating func set(_ key: String, _ value: String) {
        switch key {
        case "tls-ca": caFile = value
        case "tls-cert": certificateFile = value
        case "tls-key": keyFile = value
        default: serverName = value
        }
    }

    /// The name to verify for `host`: ``serverName``, else `host` itself unless it is an IP
    /// address (then `nil`: the certificate must carry that address).
    public func serverName(forHost host: String) -> String? {
        serverName ?? (Self.isIPAddress(host) ? nil : host)
    }

    private static func isIPAddress(_ host: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET, host, &address) == 1 || inet_pton(AF_INET6, host, &address) == 1
    }

    /// Whether `host` is this machine (loopback), where plaintext needs no opt-out.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1"
    }

    /// Whether any option is given.
    public var isConfigured: Bool { caFile != nil || certificateFile != nil || keyFile != nil || serverName != nil }

    /// Refuses a certificate without its key or the reverse (`prefix` is `-P ` or `--`).
    public func validate(optionPrefix prefix: String) throws(TLSError) {
        if (certificateFile == nil) != (keyFile == nil) {
            throw TLSError("\(prefix)tls-cert and \(prefix)tls-key go together")
        }
    }

    /// A client's context: the peer's certificate must be signed by `tls-ca` (or, without it,
    /// by the system's CAs); our certificate is sent when the server asks.
    public func clientContext() throws(TLSError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        configuration.trustRoots = caFile.map { NIOSSLTrustRoots.file($0) } ?? .default
        if let certificateFile, let keyFile {
            configuration.certificateChain = try Self.certificates(certificateFile)
            configuration.privateKey = .privateKey(try Self.key(keyFile))
        }
        return try Self.context(configuration)
    }

    /// A server's context: `tls-cert` and `tls-key` are required; with `tls-ca`, clients must
    /// present a certificate signed by it, or the handshake fails before any byte of a call.
    public func serverContext() throws(TLSError) -> NIOSSLContext {
        guard let certificateFile, let keyFile else { throw TLSError("serving TLS needs --tls-cert and --tls-key") }
        let chain = try Self.certificates(certificateFile), key = NIOSSLPrivateKeySource.privateKey(try Self.key(keyFile))
        let configuration = caFile.map {
            TLSConfiguration.makeServerConfigurationWithMTLS(certificateChain: chain, privateKey: key, trustRoots: .file($0))
        } ?? TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: key)
        return try Self.context(configuration)
    }

    private static func certificates(_ path: String) throws(TLSError) -> [NIOSSLCertificateSource] {
        do {
            return try NIOSSLCertificate.fromPEMFile(path).map { .certificate($0) }
        } catch {
            throw TLSError("cannot read the certificate \(path): \(error); give a PEM file")
        }
    }

    private static func key(_ path: String) throws(TLSError) -> NIOSSLPrivateKey {
        do {
            return try NIOSSLPrivateKey(file: path, format: .pem)
        } catch {
            throw TLSError("cannot read the private key \(path); give a PEM file")
        }
    }

    private static func context(_ configuration: TLSConfiguration) throws(TLSError) -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSError("cannot set up TLS: \(error); check the tls-ca file")
        }
    }

    /// What a failed handshake means, in words: an untrusted certificate, a name mismatch, a
    /// client certificate missing or refused, a peer that does not speak TLS.
    public static func explain(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the peer's certificate is not signed by a trusted CA (check tls-ca)"
        }
        if text.contains("failedToValidateHostname") || text.contains("Couldn't find") {
            return "the peer's certificate is not for the name connected to (check the target or tls-server-name)"
        }
        if text.contains("CERTIFICATE_REQUIRED") || text.contains("PEER_DID_NOT_RETURN_A_CERTIFICATE") {
            return "the server requires a client certificate (give tls-cert and tls-key)"
        }
        if text.contains("UNKNOWN_CA") || text.contains("BAD_CERTIFICATE") {
            return "the server does not trust our client certificate"
        }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("PACKET_LENGTH_TOO_LONG") || text.contains("UNEXPECTED_RECORD") {
            return "the peer does not speak TLS"
        }
        return "TLS failed: \(text.prefix(300))"
    }
}

/// A TLS option or handshake error, as one line.
public struct TLSError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
