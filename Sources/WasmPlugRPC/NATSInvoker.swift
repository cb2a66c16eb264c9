import WasmPlugEngine
import WasmPlugNATS
import WasmPlugTLS
import WasmPlugWRPC

/// wRPC over NATS, as `SPEC.md` describes it: the parameters go to the invocation subject with a
/// reply inbox `R`; the server answers the handshake on `R` with its own subject `S`; the rest
/// of the parameters (if they did not fit one message) go to `S.params`, ended by an empty
/// message; the results arrive on `R.results`, ended by an empty message.
///
/// One connection per plugin, opened on first use and reopened after a failure; calls on it
/// take turns.
final class NATSInvoker: RPCInvoker, @unchecked Sendable {
    // Safe to share: `connection` and `nextCall` are only touched while `lock` is held.
    let target: WRPCAddress
    let prefix: String?
    let maxResultSize: Int
    let authentication: NATSAuthentication
    let tls: TLSSettings?
    private let lock = Mutex()
    private var connection: NATSConnection?
    private var nextCall = 0

    init(target: WRPCAddress, maxResultSize: Int, authentication: NATSAuthentication, tls: TLSSettings?) {
        self.target = target
        self.authentication = authentication
        self.tls = tls
        if case .nats(_, _, let prefix) = target { self.prefix = prefix } else { self.prefix = nil }
        self.maxResultSize = maxResultSize
    }

    func invoke(instance: String, function: String, parameters: WRPCSegments, deadline: ContinuousClock.Instant) throws(RPCError) -> [UInt8]? {
        try lock.withLock { () -> Result<[UInt8]?, RPCError> in
            do throws(RPCError) {
                let connection: NATSConnection
                if let open = self.connection {
                    connection = open
                } else {
                    connection = try NATSConnection(target: target, maxPayload: maxResultSize, authentication: authentication,
                                                    tls: tls, deadline: deadline)
                    self.connection = connection
                }
                nextCall += 1
                return .success(try invoke(on: connection, call: nextCall, instance: instance, function: function,
                                           parameters: parameters.joined, deadline: deadline))
            } catch {
                // The connection may hold a late answer to this call: never reuse it.
                self.connection = nil
                return .failure(error)
            }
        }.get()
    }

    private func invoke(on connection: NATSConnection, call: Int, instance: String, function: String,
                        parameters: [UInt8], deadline: ContinuousClock.Instant) throws(RPCError) -> [UInt8]? {
        let subject = WRPCSubjects.invocation(prefix: prefix, instance: instance, function: function)
        let reply = "\(connection.inbox).\(call)"
        let first = parameters.prefix(connection.serverMaxPayload)
        var out: [UInt8] = []
        NATSCommand.publish(subject, replyTo: reply, payload: first, to: &out)
        try connection.socket.write(out, until: deadline)

        var results: [UInt8] = []
        var sawResults = false
        // The end-of-parameters message, when it is all that is left to send: it goes out only
        // before the client would wait for the network. A server that ran the call on its first
        // message (wRPC's servers do) sends the handshake and the results together, and then
        // the call is over without it.
        var pendingEnd: [UInt8]?
        let sendEnd = { () throws(RPCError) in
            guard let pending = pendingEnd else { return }
            pendingEnd = nil
            try connection.socket.write(pending, until: deadline)
        }
        while true {
            let (messageSubject, replyTo, payload, status) = try connection.nextMessage(until: deadline, beforeReading: sendEnd)
            if messageSubject == reply {
                if status == 503 { throw RPCError("\(target): no plugin server subscribes to \(subject)") }
                guard let serverSubject = replyTo else { throw RPCError("\(target): the plugin's handshake names no reply subject") }
                guard NATSCommand.isValidSubject(serverSubject) else {
                    throw RPCError("\(target): the plugin's handshake names an invalid subject")
                }
                var rest: [UInt8] = []
                var offset = first.count
                while offset < parameters.count {
                    let end = min(parameters.count, offset + connection.serverMaxPayload)
                    NATSCommand.publish(serverSubject + ".params", payload: parameters[offset..<end], to: &rest)
                    offset = end
                }
                let onlyTheEnd = rest.isEmpty
                NATSCommand.publish(serverSubject + ".params", payload: [], to: &rest)
                if onlyTheEnd { pendingEnd = rest } else { try connection.socket.write(rest, until: deadline) }
            } else if messageSubject == reply + ".results" {
                if payload.isEmpty { return sawResults ? results : nil }
                guard results.count + payload.count <= maxResultSize else {
                    throw RPCError("\(target) sent more than \(maxResultSize) bytes of results")
                }
                results += payload
                sawResults = true
            }
            // Anything else is a late message of an earlier, failed call: ignored.
        }
    }
}

/// One NATS connection: the socket, the protocol parser, and a wildcard subscription on this
/// connection's inbox that every call's replies arrive on.
package final class NATSConnection {
    package let socket: any ByteStream
    package let inbox: String
    package private(set) var serverMaxPayload = 1 << 20
    private var parser: NATSParser
    /// Where reads land, reused for the connection's life.
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)

    deinit { buffer.deallocate() }

    /// Connects (over TLS when `tls` is given or the server requires it), authenticates and
    /// subscribes; returns once the server has accepted the credentials (answered the `PING`
    /// after `CONNECT`).
    package init(target: WRPCAddress, maxPayload: Int, authentication: NATSAuthentication, tls: TLSSettings? = nil,
                 deadline: ContinuousClock.Instant) throws(RPCError) {
        let server = target.hostAndPort
        inbox = "_INBOX.\(UInt64.random(in: 0...UInt64.max).description)"
        var parser = NATSParser(maxPayload: maxPayload)
        var (stream, info) = try Self.open(target, tls: tls != nil, parser: &parser, buffer: buffer, deadline: deadline)
        var tls = tls
        if info.tlsRequired && tls == nil {
            // The server speaks only TLS: again, over TLS, trusting the system's CAs.
            tls = TLSSettings()
            parser = NATSParser(maxPayload: maxPayload)
            (stream, info) = try Self.open(target, tls: true, parser: &parser, buffer: buffer, deadline: deadline)
        }
        socket = stream
        self.parser = parser
        if let tls, let stream = stream as? ChannelStream, case .nats(let host, _, _) = target {
            guard info.tlsRequired || info.tlsAvailable else {
                throw RPCError("NATS server \(server) offers no TLS; remove the tls-* options or turn TLS on in its configuration")
            }
            try stream.startTLS(tls, serverName: tls.serverName(forHost: host), until: deadline)
        }
        serverMaxPayload = info.maxPayload
        let connect: [UInt8]
        do throws(NATSError) {
            connect = try authentication.connectCommand(name: "wasmplug", info: info, server: server)
        } catch {
            throw RPCError(error.message)
        }
        try socket.write(connect + NATSCommand.subscribe(inbox + ".>", id: "1"), until: deadline)
        while true {
            switch try nextProtocolMessage(until: deadline) {
            case .pong: return
            case .error(let text): throw RPCError(NATSAuthentication.refusal(text, server: server).message)
            case .ping: try socket.write(NATSCommand.pong, until: deadline)
            case .info(let info): serverMaxPayload = info.maxPayload
            case .ok, .message: continue
            }
        }
    }

    /// Connects (a channel that can start TLS, when `tls`) and reads the server's `INFO`.
    private static func open(_ target: WRPCAddress, tls: Bool, parser: inout NATSParser, buffer: UnsafeMutableRawBufferPointer,
                             deadline: ContinuousClock.Instant) throws(RPCError) -> (any ByteStream, NATSServerInfo) {
        let stream: any ByteStream
        if tls, case .nats(let host, let port, _) = target {
            stream = try ChannelStream.connect(host: host, port: port, peer: target.description, deadline: deadline)
        } else {
            stream = try Socket.connect(to: target, deadline: deadline)
        }
        guard case .info(let info) = try nextProtocolMessage(from: stream, parser: &parser, buffer: buffer, until: deadline) else {
            throw RPCError("\(target): the server did not start with INFO; is it a NATS server?")
        }
        return (stream, info)
    }

    /// The next message delivered to this connection, answering pings on the way.
    /// `beforeReading` runs before the connection waits for the network (not when the message
    /// was already read); it may write.
    package func nextMessage(until deadline: ContinuousClock.Instant, beforeReading: () throws(RPCError) -> Void = {})
        throws(RPCError) -> (subject: String, replyTo: String?, payload: [UInt8], status: Int?)
    {
        while true {
            switch try nextProtocolMessage(until: deadline, beforeReading: beforeReading) {
            case .message(let subject, _, let replyTo, let payload, let status): return (subject, replyTo, payload, status)
            case .ping: try socket.write(NATSCommand.pong, until: deadline)
            case .error(let text): throw RPCError("\(socket.peer): the NATS server reported: \(text)")
            case .info(let info): serverMaxPayload = info.maxPayload
            case .pong, .ok: continue
            }
        }
    }

    private func nextProtocolMessage(until deadline: ContinuousClock.Instant, beforeReading: () throws(RPCError) -> Void = {})
        throws(RPCError) -> NATSMessage
    {
        try Self.nextProtocolMessage(from: socket, parser: &parser, buffer: buffer, until: deadline, beforeReading: beforeReading)
    }

    private static func nextProtocolMessage(from socket: any ByteStream, parser: inout NATSParser, buffer: UnsafeMutableRawBufferPointer,
                                            until deadline: ContinuousClock.Instant, beforeReading: () throws(RPCError) -> Void = {})
        throws(RPCError) -> NATSMessage
    {
        while true {
            do {
                if let message = try parser.next() { return message }
            } catch {
                throw RPCError("\(socket.peer): \(error.message)")
            }
            try beforeReading()
            let count = try socket.read(into: buffer, until: deadline)
            if count == 0 { throw RPCError("\(socket.peer): the NATS server closed the connection") }
            parser.append(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
