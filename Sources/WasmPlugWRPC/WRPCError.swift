/// A value that could not be encoded, or bytes that could not be decoded, as wRPC.
///
/// `description` is one line: what was wrong and, for decoding, the byte offset where it was found.
public struct WRPCError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of failure this is, for callers and tests that react to each.
    public enum Kind: Equatable, Sendable {
        /// The value does not have the type it is being encoded as.
        case typeMismatch
        /// The type holds a resource, future, stream or error-context, which this codec does not carry.
        case unsupportedType
        /// The input ended before the value did.
        case truncated
        /// A LEB128 integer was longer than its width allows, or its value overflowed the width.
        case invalidLEB128
        /// A bool, option or result discriminant byte other than 0 or 1.
        case invalidDiscriminant
        /// A variant or enum case index beyond the declared cases.
        case caseOutOfRange
        /// Flag bits set beyond the declared flags.
        case invalidFlags
        /// A string's bytes are not UTF-8.
        case invalidUTF8
        /// A char's bytes are not one Unicode scalar value.
        case invalidChar
        /// A string or list length beyond the remaining input, the decoder's cap, or `u32`.
        case lengthTooLarge
        /// A framed stream that does not start with version byte 0.
        case unsupportedVersion
        /// Bytes left over after the last value of a tuple.
        case trailingBytes
    }

    public var kind: Kind
    public var message: String
    /// The byte offset in the input where decoding failed; `nil` for encoding errors.
    public var offset: Int?

    public init(_ kind: Kind, _ message: String, offset: Int? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    public var description: String {
        offset.map { "wRPC: at byte \($0): \(message)" } ?? "wRPC: \(message)"
    }
}
