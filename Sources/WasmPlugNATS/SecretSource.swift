import Foundation

/// Where a secret (a password, a token, a seed) is read from: a file or an environment
/// variable, never the command line, which every user of the machine can read. Its description
/// names the place, never the secret.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case environment(String)

    public var description: String {
        switch self {
        case .file(let path): "the file \(path)"
        case .environment(let name): "the environment variable \(name)"
        }
    }

    /// The secret, without surrounding whitespace; `what` names it in errors ("the NATS password").
    public func read(_ what: String) throws(NATSError) -> String {
        let text: String
        switch self {
        case .file(let path):
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw NATSError("cannot read \(what) from \(self): no such readable file")
            }
            text = String(decoding: contents, as: UTF8.self)
        case .environment(let name):
            guard let value = ProcessInfo.processInfo.environment[name] else {
                throw NATSError("cannot read \(what) from \(self): it is not set")
            }
            text = value
        }
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw NATSError("\(what) in \(self) is empty") }
        return secret
    }
}
