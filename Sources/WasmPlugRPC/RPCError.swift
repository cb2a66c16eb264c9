/// A failed remote call: the transport, the peer or its answer. `description` is one line that
/// names the target.
public struct RPCError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
