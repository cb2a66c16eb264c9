/// A user-facing failure of the host: one line that names the thing and says what to do.
public struct HostError: Error, CustomStringConvertible, Sendable {
    public var description: String
    /// Whether the guest itself failed (trapped, ran out of fuel or time), as opposed to bad input.
    public var isTrap: Bool

    public init(_ description: String, isTrap: Bool = false) {
        self.description = description
        self.isTrap = isTrap
    }
}
