/// A failure the guest can handle: becomes the `error` variant of `wasi:dl/dl`.
public struct DLError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The error's case in WIT; the raw value is the case name.
    public enum Kind: String, Sendable {
        /// The dl policy does not allow the library, symbol or signature.
        case notAllowed = "not-allowed"
        /// The library or symbol does not exist.
        case notFound = "not-found"
        /// A type description libffi cannot use, or one the policy's signature contradicts.
        case invalidSignature = "invalid-signature"
        /// A value of the wrong kind or count, or out of range.
        case invalidArgument = "invalid-argument"
        /// An access outside an allocation.
        case outOfBounds = "out-of-bounds"
        /// An allocation used after it was freed.
        case freed
        /// Anything else (such as running out of memory).
        case other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
