import Foundation
import WasmPlugNATS
import WasmPlugProvider
import WasmPlugTLS
import WasmPlugWRPC

/// An RPC plugin given on the command line, as the RFC writes it:
/// `-P protocol=wrpc+tcp -P target=[::1]:7761 -P import=wasi:keyvalue`.
public struct RPCPluginSpecification: PluginSpecification, Equatable {
    public var protocolName = WRPCAddress.defaultProtocol
    public var target: String?
    public var imports: [String] = []
    public var timeout: Double?
    public var prefix: String?
    /// `resource-drops=yes`: the server is `wasmplug plugin serve`, so the guest's drops are sent.
    public var sendsResourceDrops = false
    /// wrpc+nats only: how to authenticate to the NATS server (`-P nats-user=...` and the like).
    public var natsAuthentication = NATSAuthentication()
    /// TLS to the plugin (wrpc+tcp) or the NATS server (`-P tls-ca=FILE` and the like).
    public var tls = TLSSettings()
    /// `allow-plaintext=yes`: plaintext wrpc+tcp to another machine, warned about.
    public var allowsPlaintext = false

    public init() {}

    /// The transport address this specification names.
    public func rpcTarget() throws(HostError) -> WRPCAddress {
        do {
            return try WRPCAddress(protocol: protocolName, target: target, prefix: prefix)
        } catch {
            throw HostError("-P protocol=\(protocolName): \(error.message)")
        }
    }

    /// A client for the target; nothing is contacted until the first call.
    public func makeProvider(_ context: ProviderContext) throws(HostError) -> any ImportProvider {
        let target = try rpcTarget()
        if case .tcp(let host, _) = target, !tls.isConfigured, !TLSSettings.isLoopback(host) {
            guard allowsPlaintext else {
                throw HostError("-P target=\(target.hostAndPort): plaintext wrpc+tcp to another machine is unauthenticated; "
                    + "give -P tls-ca=FILE (and tls-cert/tls-key for mutual TLS), or -P allow-plaintext=yes to accept that")
            }
            FileHandle.standardError.write(Data("wasmplug: warning: calls to \(target) are plaintext and unauthenticated (-P allow-plaintext=yes)\n".utf8))
        }
        return RPCPlugin(target: target, imports: imports, timeout: .milliseconds(Int64((timeout ?? 30) * 1000)),
                         sendsResourceDrops: sendsResourceDrops, natsAuthentication: natsAuthentication, tls: tls.isConfigured ? tls : nil)
    }

    mutating func set(_ key: String, _ value: String) throws(HostError) {
        switch key {
        case "protocol":
            guard WRPCAddress.protocols.contains(value) else {
                throw HostError("-P protocol=\(value): unknown protocol; use one of \(WRPCAddress.protocols.joined(separator: ", "))")
            }
            protocolName = value
        case "target": target = value
        case "import":
            guard value.contains(":") else {
                throw HostError("-P import=\(value): name a WIT package or interface such as wasi:keyvalue or wasi:keyvalue/store")
            }
            imports.append(value)
        case "timeout": timeout = try parseDuration(value, option: "-P timeout")
        case "resource-drops":
            guard value == "yes" || value == "no" else {
                throw HostError("-P resource-drops=\(value): write yes (the server is `wasmplug plugin serve`) or no (the default)")
            }
            sendsResourceDrops = value == "yes"
        case "prefix": prefix = value
        case "allow-plaintext":
            guard value == "yes" || value == "no" else {
                throw HostError("-P allow-plaintext=\(value): write yes (plaintext wrpc+tcp to another machine, warned about) or no (the default)")
            }
            allowsPlaintext = value == "yes"
        case _ where TLSSettings.optionKeys.contains(key): tls.set(key, value)
        default: natsAuthentication.set(key, value)
        }
    }

    /// Refuses NATS options on another protocol and incomplete authentication.
    func validate() throws(HostError) {
        if tls.isConfigured && protocolName == "wrpc+unix" {
            throw HostError("-P protocol=wrpc+unix: the tls-* options are for wrpc+tcp and wrpc+nats; a Unix socket stays on this machine")
        }
        do throws(TLSError) {
            try tls.validate(optionPrefix: "-P ")
        } catch {
            throw HostError(error.message)
        }
        guard natsAuthentication.isConfigured else { return }
        guard protocolName == "wrpc+nats" else {
            throw HostError("-P protocol=\(protocolName): the nats-* options are for -P protocol=wrpc+nats")
        }
        do throws(NATSError) {
            try natsAuthentication.validate(optionPrefix: "-P ")
        } catch {
            throw HostError(error.message)
        }
    }
}

/// `-P protocol=... -P target=... -P import=...`: RPC plugins. `protocol=` starts a new
/// plugin; `target=`, `import=`, `timeout=`, `prefix=` and `resource-drops=` apply to the one started last (one
/// with the default protocol and target if none was). A `-P` may join several with commas.
public struct RPCPluginKind: PluginKind {
    public static let synopsis = "-P protocol=... with target, import, timeout, prefix, nats-*, tls-*"
    public static let help = """
          -P protocol=wrpc+tcp|wrpc+unix|wrpc+nats
              Starts an RPC plugin: a server in another process, reached over wRPC
              (docs/rpc-plugins.md). The options after it describe that plugin:
          -P target=ADDRESS
              wrpc+tcp: HOST:PORT or [IPv6]:PORT (default [::1]:7761);
              wrpc+unix: the socket's path; wrpc+nats: the NATS server (default 127.0.0.1:4222).
          -P import=NAME
              An import the RPC plugin serves: a package (wasi:keyvalue) or an interface
              (wasi:keyvalue/store), any version unless NAME has one. Repeatable.
          -P timeout=DURATION
              How long one call may take, connecting included (default 30s): 500ms, 5s, 2m.
              A call that takes longer, or a plugin that cannot be reached, traps the guest.
          -P prefix=PREFIX
              wrpc+nats only: the prefix of the subjects, as in PREFIX.wrpc.0.0.1.<instance>.<function>.
              Functions are called by the names real wRPC peers use: a resource's method
              [method]bucket.get is bucket.get, its constructor [constructor]counter is counter,
              a static function [static]R.f is R.f.
          -P resource-drops=yes|no
              yes: tell the server when the guest drops a resource, with wasmplug's own
              [resource-drop]R call; only for a server that is `wasmplug plugin serve`. Real
              wRPC servers have no such call (default no; they free resources by their own rules).
          -P nats-user=NAME,nats-password-file=FILE   (or nats-password-env=VARIABLE)
          -P nats-token-file=FILE                     (or nats-token-env=VARIABLE)
          -P nats-nkey-seed-file=FILE                 (a user NKey seed, SU...)
          -P nats-creds=FILE                          (a user JWT and its seed, as nsc writes them)
              wrpc+nats only: how wasmplug proves who it is to a NATS server that requires it,
              so only the users the server knows can call or pose as plugins on its subjects.
              Secrets are read from files or environment variables, never from the command
              line (which every user of the machine can read), and never printed.
          -P tls-ca=FILE,tls-server-name=NAME
              wrpc+tcp, wrpc+nats: TLS, trusting only the CAs in FILE (PEM); the server's
              certificate must carry NAME (default: the target's host name) or the IP
              address connected to.
              This stops anyone who can answer on the target's address from posing as the
              plugin, and anyone on the path from reading the calls. wrpc+nats also turns TLS
              on by itself (with the system's CAs) when the NATS server requires it.
          -P tls-cert=FILE,tls-key=FILE
              Our certificate and private key (PEM), for a server that requires mutual TLS:
              only holders of a certificate from its CA may call it.
          -P allow-plaintext=yes
              wrpc+tcp without TLS to an address that is not loopback: allowed only with this
              option, and warned about, since anyone on the path can read, answer or forge the
              calls. Loopback addresses and Unix sockets need no TLS.
              Without -P protocol, the RPC options describe one plugin at the RFC's defaults
              (wrpc+tcp on [::1]:7761). Options may share one -P, joined by commas. Examples:
                wasmplug run -P import=wasi:keyvalue app.wasm
                wasmplug run -P protocol=wrpc+unix -P target=/tmp/kv.sock -P import=wasi:keyvalue app.wasm
                wasmplug run -P protocol=wrpc+nats,import=wasi:keyvalue \\
                             -P protocol=wrpc+tcp,target=127.0.0.1:7000,import=example:log app.wasm
              Serve a native library or a plugin component this way with `wasmplug plugin serve`.
        """

    /// The keys that describe an RPC plugin.
    static let keys = ["protocol", "target", "import", "timeout", "prefix", "resource-drops", "allow-plaintext"]
        + NATSAuthentication.optionKeys + TLSSettings.optionKeys

    private var plugins: [RPCPluginSpecification] = []

    public init() {}

    public mutating func take(_ text: String) throws(HostError) -> Bool {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = parts.first, let equals = first.firstIndex(of: "="), Self.keys.contains(String(first[..<equals])) else {
            return false
        }
        for part in parts {
            guard let equals = part.firstIndex(of: "="), equals != part.startIndex else {
                throw HostError("-P '\(text)': '\(part)' is not key=value; see `wasmplug run -P help`")
            }
            let key = String(part[..<equals]), value = String(part[part.index(after: equals)...])
            guard Self.keys.contains(key) else {
                throw HostError("-P '\(text)': unknown option '\(key)'; an RPC plugin takes \(Self.keys.joined(separator: ", ")); "
                    + "see `wasmplug run -P help`")
            }
            guard !value.isEmpty else { throw HostError("-P \(key)= needs a value; see `wasmplug run -P help`") }
            if key == "protocol" || plugins.isEmpty { plugins.append(RPCPluginSpecification()) }
            try plugins[plugins.count - 1].set(key, value)
        }
        return true
    }

    public func specifications() throws(HostError) -> [any PluginSpecification] {
        for plugin in plugins { try plugin.validate() }
        for plugin in plugins where plugin.imports.isEmpty {
            throw HostError("-P protocol=\(plugin.protocolName)\(plugin.target.map { " -P target=\($0)" } ?? ""): "
                + "name the imports it serves with -P import=, e.g. -P import=wasi:keyvalue")
        }
        return plugins
    }
}
