/// A problem in a WIT document: where it is and what is wrong, e.g.
/// `plugin.wit:3:12: expected '>', got ';'`.
public struct WITError: Error, Equatable, Sendable, CustomStringConvertible {
    public var fileName: String
    /// 1-based line and column (in characters), when the problem has a position.
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(fileName: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.fileName = fileName
        self.line = line
        self.column = column
        self.message = message
    }

    /// The error on one line: `file:line:column: message`, or `file: message`.
    public var description: String {
        guard let line, let column else { return "\(fileName): \(message)" }
        return "\(fileName):\(line):\(column): \(message)"
    }
}

/// The text of a WIT document, for placing errors in it.
struct WITSource: Sendable {
    let text: String
    let fileName: String

    /// An error at `index` in the text, or without a position when `index` is nil.
    func error(_ message: String, at index: String.Index? = nil) -> WITError {
        guard let index else { return WITError(fileName: fileName, message: message) }
        let before = text.unicodeScalars[..<index]
        let lineStart = before.lastIndex(of: "\n").map(text.unicodeScalars.index(after:)) ?? text.startIndex
        return WITError(
            fileName: fileName,
            line: before.count(where: { $0 == "\n" }) + 1,
            column: text[lineStart..<index].count + 1,
            message: message
        )
    }
}
