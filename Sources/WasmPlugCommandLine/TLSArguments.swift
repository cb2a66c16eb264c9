import ArgumentParser
import Foundation
import WasmPlugTLS
import WasmPlugWRPC

/// A plugin server's TLS: its certificate and key for wrpc+tcp (with a CA, mutual TLS), or TLS
/// to the NATS server for wrpc+nats; and the opt-out for plaintext TCP beyond loopback.
public struct TLSArguments: ParsableArguments {
    @Option(help: ArgumentHelp("wrpc+tcp: the server's certificate (PEM); wrpc+nats: ours, if the NATS server requires mutual TLS.",
                               valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The private key of --tls-cert (PEM).", valueName: "file"))
    var tlsKey: String?

    @Option(help: ArgumentHelp(
        "wrpc+tcp: accept only clients with a certificate this CA signed (mutual TLS); wrpc+nats: the CA the NATS server's certificate must come from.",
        valueName: "file"))
    var tlsCa: String?

    @Option(help: ArgumentHelp("wrpc+nats: the name the NATS server's certificate must carry (default: the target's host).", valueName: "name"))
    var tlsServerName: String?

    @Flag(help: "wrpc+tcp: serve plaintext on an address other than loopback: anyone who can reach it can call the plugin.")
    var allowPlaintext = false

    public init() {}

    /// The TLS settings for serving at `address`, or `nil` for plaintext; plaintext TCP on an
    /// address that is not loopback is refused without --allow-plaintext, and warned about with it.
    public func settings(for address: WRPCAddress) throws -> TLSSettings? {
        let settings = TLSSettings(caFile: tlsCa, certificateFile: tlsCert, keyFile: tlsKey, serverName: tlsServerName)
        do throws(TLSError) {
            try settings.validate(optionPrefix: "--")
        } catch {
            throw fail(error.message)
        }
        if settings.isConfigured {
            if case .unix = address { throw fail("--protocol wrpc+unix: the --tls-* options are for wrpc+tcp and wrpc+nats") }
            return settings
        }
        if case .tcp(let host, _) = address, !TLSSettings.isLoopback(host) {
            guard allowPlaintext else {
                throw fail("--target \(address.hostAndPort): plaintext wrpc+tcp on an address other than loopback lets anyone who can reach it "
                    + "call the plugin; give --tls-cert and --tls-key (and --tls-ca to require client certificates), or --allow-plaintext")
            }
            FileHandle.standardError.write(Data("warning: serving \(address) in plaintext: the calls are unauthenticated (--allow-plaintext)\n".utf8))
        }
        return nil
    }
}
