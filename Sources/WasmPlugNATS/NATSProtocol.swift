import Foundation

/// The NATS client protocol's text framing (`INFO`, `MSG`, `HMSG`, `PING`, `+OK`, `-ERR`), read
/// from an untrusted server as bytes arrive, and the commands a client sends.
public enum NATSMessage: Equatable, Sendable {
    /// The server's `INFO`.
    case info(NATSServerInfo)
    /// A message delivered to one of the client's subscriptions. `status` is the header status
    /// code when the message has headers (503: nobody subscribes to the subject).
    case message(subject: String, subscription: String, replyTo: String?, payload: [UInt8], status: Int?)
    case ping
    case pong
    case ok
    case error(String)
}

/// An error in the NATS protocol stream, or a server's `-ERR`.
public struct NATSError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads NATS protocol messages incrementally: ``append(_:)`` what arrived, then ``next()``
/// until it returns `nil`.
public struct NATSParser: Sendable {
    /// The longest control line and the largest payload accepted.
    public let maxLine: Int
    public let maxPayload: Int
    private var buffer: [UInt8] = []
    private var start = 0

    public init(maxLine: Int = 64 << 10, maxPayload: Int = 64 << 20) {
        self.maxLine = maxLine
        self.maxPayload = maxPayload
    }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    public mutating func next() throws(NATSError) -> NATSMessage? {
        guard let lineEnd = lineEnd() else {
            if buffer.count - start > maxLine { throw NATSError("NATS server sent a control line longer than \(maxLine) bytes") }
            return nil
        }
        let line = String(decoding: buffer[start..<lineEnd], as: UTF8.self)
        let bodyStart = lineEnd + 2
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard let verb = words.first?.uppercased() else { start = bodyStart; return try next() }
        switch verb {
        case "PING": start = bodyStart; return .ping
        case "PONG": start = bodyStart; return .pong
        case "+OK": start = bodyStart; return .ok
        case "-ERR":
            start = bodyStart
            return .error(line.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: " '")))
        case "INFO":
            start = bodyStart
            return .info(try NATSServerInfo.parse(line.dropFirst(4)))
        case "MSG", "HMSG":
            let hasHeaders = verb == "HMSG"
            let fieldCount = words.count - 1
            guard (hasHeaders ? [4, 5] : [3, 4]).contains(fieldCount),
                  let total = Int(words.last!), total >= 0
            else { throw NATSError("NATS server sent a malformed \(verb) line: \(line.prefix(200))") }
            let headerLength = hasHeaders ? Int(words[words.count - 2]) : 0
            guard let headerLength, headerLength >= 0, headerLength <= total else {
                throw NATSError("NATS server sent a malformed \(verb) line: \(line.prefix(200))")
            }
            guard total <= maxPayload else {
                throw NATSError("NATS server sent a \(total)-byte message, more than the limit of \(maxPayload)")
            }
            guard buffer.count - bodyStart >= total + 2 else { return nil }
            let headers = buffer[bodyStart..<bodyStart + headerLength]
            let payload = Array(buffer[bodyStart + headerLength..<bodyStart + total])
            start = bodyStart + total + 2
            let replyTo = (hasHeaders ? fieldCount == 5 : fieldCount == 4) ? String(words[3]) : nil
            return .message(subject: String(words[1]), subscription: String(words[2]), replyTo: replyTo,
                            payload: payload, status: hasHeaders ? Self.status(headers) : nil)
        default:
            throw NATSError("NATS server sent an unknown message: \(line.prefix(200))")
        }
    }

    private func lineEnd() -> Int? {
        var index = start
        while index + 1 < buffer.count {
            if buffer[index] == 13 && buffer[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }

    /// The status code of a `NATS/1.0 503` header block.
    private static func status(_ headers: ArraySlice<UInt8>) -> Int? {
        let firstLine = String(decoding: headers.prefix { $0 != 13 }, as: UTF8.self)
        let parts = firstLine.split(separator: " ")
        return parts.count >= 2 ? Int(parts[1]) : nil
    }
}

/// The commands a NATS client sends.
public enum NATSCommand {
    // CONNECT, with the client's credentials, is NATSAuthentication.connectCommand.

    public static func subscribe(_ subject: String, queueGroup: String? = nil, id: String) -> [UInt8] {
        Array("SUB \(subject)\(queueGroup.map { " \($0)" } ?? "") \(id)\r\n".utf8)
    }

    public static func unsubscribe(id: String) -> [UInt8] {
        Array("UNSUB \(id)\r\n".utf8)
    }

    /// Appends `PUB subject [reply] n\r\npayload\r\n` to `buffer`.
    public static func publish(_ subject: String, replyTo: String? = nil, payload: some Collection<UInt8>, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: "PUB \(subject)\(replyTo.map { " \($0)" } ?? "") \(payload.count)\r\n".utf8)
        buffer.append(contentsOf: payload)
        buffer.append(contentsOf: [13, 10])
    }

    public static let pong = Array("PONG\r\n".utf8)

    /// Whether `subject` is a valid NATS subject to publish on: non-empty tokens separated by
    /// dots, no whitespace, no wildcards.
    public static func isValidSubject(_ subject: String) -> Bool {
        !subject.isEmpty && !subject.split(separator: ".", omittingEmptySubsequences: false).contains { token in
            token.isEmpty || token.contains { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "*" || $0 == ">" }
        }
    }
}

/// wRPC's NATS subjects (`SPEC.md`, "NATS.io").
public enum WRPCSubjects {
    /// `[prefix.]wrpc.0.0.1.<instance>.<function>`.
    public static func invocation(prefix: String?, instance: String, function: String) -> String {
        (prefix.map { "\($0)." } ?? "") + "wrpc.0.0.1." + (instance.isEmpty ? "" : "\(instance).") + function
    }
}
