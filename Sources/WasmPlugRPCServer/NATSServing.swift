import NIOCore
import NIOPosix
import NIOSSL
import WasmPlugNATS
import WasmPlugTLS
import WasmPlugWRPC

/// Serves a ``WRPCService`` over NATS as `SPEC.md` describes: one queue-group subscription per
/// function subject (so servers on the same subjects share the calls), a handshake naming this
/// server's subject for the rest of the parameters, results on the client's `.results` subject
/// ended by an empty message.
enum NATSServing {
    /// The queue group every WasmPlug server joins.
    static let queueGroup = "wasmplug"

    static func connect(host: String, port: Int, prefix: String?, authentication: NATSAuthentication, tls: TLSSettings?,
                        server: WRPCServer) throws -> Channel {
        let subscribed = server.group.next().makePromise(of: Void.self)
        let channel = try ClientBootstrap(group: server.group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        NATSServeHandler(server: server, prefix: prefix, authentication: authentication, tls: tls,
                                         host: host, serverName: "\(host):\(port)", subscribed: subscribed))
                }
            }
            .connect(host: host, port: port).wait()
        channel.closeFuture.whenComplete { _ in subscribed.fail(ChannelError.ioOnClosedChannel) }
        try subscribed.futureResult.wait()
        return channel
    }
}

final class NATSServeHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private struct Call {
        let function: WRPCService.Function
        let name: String
        let resultSubject: String
        var parameters: [UInt8]
        /// The handshake, when it waits to go out with the results.
        var handshake: [UInt8] = []
    }

    private let server: WRPCServer
    private let prefix: String?
    private let authentication: NATSAuthentication
    private let tls: TLSSettings?
    private let host: String
    /// The NATS server, as errors name it.
    private let serverName: String
    private let subscribed: EventLoopPromise<Void>
    private var parser: NATSParser
    private let inbox = "_INBOX.\(UInt64.random(in: 0...UInt64.max))"
    private var subscriptions: [String: (instance: String, function: String)] = [:]
    private var calls: [String: Call] = [:]
    private var nextCall = 0
    private var maxPayload = 1 << 20
    private var ready = false

    init(server: WRPCServer, prefix: String?, authentication: NATSAuthentication, tls: TLSSettings?, host: String, serverName: String,
         subscribed: EventLoopPromise<Void>) {
        self.server = server
        self.prefix = prefix
        self.authentication = authentication
        self.tls = tls
        self.host = host
        self.serverName = serverName
        self.subscribed = subscribed
        self.parser = NATSParser(maxPayload: server.service.maxParameterSize)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        unwrapInboundIn(data).withUnsafeReadableBytes { parser.append($0) }
        do {
            while let message = try parser.next() { handle(message, context) }
        } catch {
            server.log("NATS: \(error)")
            context.close(promise: nil)
        }
    }

    private func handle(_ message: NATSMessage, _ context: ChannelHandlerContext) {
        switch message {
        case .info(let info):
            maxPayload = info.maxPayload
            guard !ready else { return }
            if tls != nil || info.tlsRequired {
                guard info.tlsRequired || info.tlsAvailable else {
                    return refuse(NATSError("NATS server \(serverName) offers no TLS; remove the TLS options or turn TLS on in its configuration"),
                                  context)
                }
                do {
                    try startTLS(context)
                } catch {
                    return refuse(NATSError("NATS server \(serverName): \(error)"), context)
                }
            }
            var out: [UInt8]
            do throws(NATSError) {
                out = try authentication.connectCommand(name: "wasmplug-plugin-server", info: info, server: serverName)
            } catch {
                return refuse(error, context)
            }
            out += NATSCommand.subscribe(inbox + ".>", id: "0")
            for (index, entry) in server.service.entries.enumerated() {
                let subject = WRPCSubjects.invocation(prefix: prefix, instance: entry.instance, function: entry.function)
                subscriptions["\(index + 1)"] = entry
                out += NATSCommand.subscribe(subject, queueGroup: NATSServing.queueGroup, id: "\(index + 1)")
            }
            out += Array("PING\r\n".utf8)
            write(out, context)
        case .pong:
            if !ready { ready = true; subscribed.succeed(()) }
        case .ping:
            write(NATSCommand.pong, context)
        case .error(let text):
            guard ready else { return refuse(NATSAuthentication.refusal(text, server: serverName), context) }
            server.log("NATS server reported: \(text)")
        case .ok:
            break
        case .message(let subject, let subscription, let replyTo, let payload, _):
            if let entry = subscriptions[subscription] {
                begin(entry, replyTo: replyTo, payload: payload, context)
            } else if subscription == "0" {
                parameters(subject: subject, payload: payload, context)
            }
        }
    }

    /// TLS from here on: written after the server's `INFO`, read before this handler.
    private func startTLS(_ context: ChannelHandlerContext) throws {
        let settings = tls ?? TLSSettings()
        let handler = try NIOSSLClientHandler(context: try settings.clientContext(), serverHostname: settings.serverName(forHost: host))
        try context.pipeline.syncOperations.addHandler(handler, position: .first)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if ready {
            server.log("NATS server \(serverName): \(TLSSettings.explain(error))")
            context.close(promise: nil)
        } else {
            refuse(NATSError("NATS server \(serverName): \(TLSSettings.explain(error))"), context)
        }
    }

    /// Gives up connecting: `start` throws `error`.
    private func refuse(_ error: NATSError, _ context: ChannelHandlerContext) {
        subscribed.fail(error)
        context.close(promise: nil)
    }

    /// A new call: answer the handshake with this call's parameter subject.
    private func begin(_ entry: (instance: String, function: String), replyTo: String?, payload: [UInt8], _ context: ChannelHandlerContext) {
        let name = "\(entry.instance).\(entry.function)"
        guard let replyTo, NATSCommand.isValidSubject(replyTo),
              let function = server.service.function(instance: entry.instance, name: entry.function)
        else { return server.log("NATS: a call of \(name) came without a valid reply subject") }
        nextCall += 1
        let id = "\(inbox).\(nextCall)"
        var call = Call(function: function, name: name, resultSubject: replyTo + ".results", parameters: payload)
        var handshake: [UInt8] = []
        NATSCommand.publish(replyTo, replyTo: id, payload: [], to: &handshake)
        // wRPC's encoding is self-delimiting: when the first message decodes as the whole
        // parameter tuple, no later message can belong to it, so the call runs now (as wRPC's
        // own servers run it, without waiting a round trip for the client's end-of-parameters
        // message, which then finds no call and is dropped). The handshake then goes out with
        // the results, in one write: the client needs it only to end its parameters, and gets
        // everything with one wake-up.
        if let values = try? server.service.decoder.decode(function.parameters, from: payload) {
            call.handshake = handshake
            run(call, .decoded(values), context)
        } else {
            write(handshake, context)
            calls[id + ".params"] = call
        }
    }

    /// More parameters of a call, or (empty) their end: then the call runs.
    private func parameters(subject: String, payload: [UInt8], _ context: ChannelHandlerContext) {
        guard var call = calls[subject] else { return }
        guard !payload.isEmpty else {
            calls[subject] = nil
            return run(call, .encoded(call.parameters), context)
        }
        guard call.parameters.count + payload.count <= server.service.maxParameterSize else {
            calls[subject] = nil
            server.log("\(call.name): parameters exceed \(server.service.maxParameterSize) bytes")
            return finish(call, results: nil, context)
        }
        call.parameters += payload
        calls[subject] = call
    }

    private func run(_ call: Call, _ parameters: CallParameters, _ context: ChannelHandlerContext) {
        server.run(call.function, parameters: parameters, into: { [UInt8]() }, on: context.eventLoop).assumeIsolated().whenComplete { [self] result in
            switch result {
            case .success(let results): finish(call, results: results, context)
            case .failure(let error):
                server.log("\(call.name) failed: \(error)")
                finish(call, results: nil, context)
            }
        }
    }

    /// Publishes the results in messages the server accepts, then the empty end-of-stream
    /// message (alone, for a failed call).
    private func finish(_ call: Call, results: [UInt8]?, _ context: ChannelHandlerContext) {
        var out = call.handshake
        if let results {
            var offset = 0
            repeat {
                let end = min(results.count, offset + maxPayload)
                NATSCommand.publish(call.resultSubject, payload: results[offset..<end], to: &out)
                offset = end
            } while offset < results.count
        }
        NATSCommand.publish(call.resultSubject, payload: [], to: &out)
        write(out, context)
    }

    private func write(_ bytes: [UInt8], _ context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }
}
