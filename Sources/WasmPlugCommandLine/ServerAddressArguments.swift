import ArgumentParser
import WasmPlugNATS
import WasmPlugWRPC

/// Where an RPC plugin server listens: `--protocol`, `--target` and `--prefix`, shared by
/// `wasmplug plugin serve` and the example plugin servers.
public struct ServerAddressArguments: ParsableArguments {
    @Option(help: ArgumentHelp("The transport: wrpc+tcp, wrpc+unix or wrpc+nats.", valueName: "protocol"))
    public var `protocol` = WRPCAddress.defaultProtocol

    @Option(help: ArgumentHelp(
        "Where to listen: HOST:PORT for wrpc+tcp (default [::1]:7761; port 0 picks one), a socket path for wrpc+unix, the NATS server for wrpc+nats (default 127.0.0.1:4222).",
        valueName: "address"))
    public var target: String?

    @Option(help: ArgumentHelp("wrpc+nats only: the subjects' prefix.", valueName: "prefix"))
    public var prefix: String?

    @OptionGroup(title: "NATS authentication (wrpc+nats)")
    public var nats: NATSAuthenticationArguments

    @OptionGroup(title: "TLS")
    public var tls: TLSArguments

    public init() {}

    /// The address the options name; the error says which option is wrong.
    public func rpcTarget() throws -> WRPCAddress {
        do {
            return try WRPCAddress(protocol: self.protocol, target: target, prefix: prefix)
        } catch {
            throw fail("--protocol/--target: \(error)")
        }
    }

    /// How to authenticate to the NATS server; refused with another protocol.
    public func natsAuthentication() throws -> NATSAuthentication {
        let authentication = try nats.authentication()
        if authentication.isConfigured && self.protocol != "wrpc+nats" {
            throw fail("--protocol \(self.protocol): the --nats-* options are for --protocol wrpc+nats")
        }
        return authentication
    }
}
