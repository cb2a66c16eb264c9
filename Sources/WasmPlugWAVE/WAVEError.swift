/// Text that is not valid WAVE for the expected type, or a call that does not fit its function.
public struct WAVEError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Where in the text the problem is, in Unicode scalars from 0; nil when the message
    /// itself says where, or when the problem is not at one place in the text.
    public var offset: Int?
    private var summary: String
    private var note: String?

    /// An error whose message is `message`.
    public init(_ message: String, offset: Int? = nil) {
        self.init(message, note: nil, offset: offset)
    }

    /// An error saying `summary`, then where, then `note` (a reason or a hint) in parentheses.
    init(_ summary: String, note: String?, offset: Int?) {
        self.summary = summary
        self.note = note
        self.offset = offset
    }

    /// What went wrong: what was expected and what was found, then any reason or hint in
    /// parentheses.
    public var message: String {
        note.map { "\(summary) (\($0))" } ?? summary
    }

    /// One line: the message with ` at offset N` before its parenthesized note, unless the
    /// problem is at the very start, where the text the message quotes already says where.
    public var description: String {
        var text = summary
        if let offset, offset > 0 { text += " at offset \(offset)" }
        if let note { text += " (\(note))" }
        return text
    }
}
