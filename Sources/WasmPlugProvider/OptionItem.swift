/// One option value (`-P`, `-S`, `-W`, `-C`, `--env`, `--dir`) and where it was written: nil
/// for the command line, `app.toml:12` for a line of a run configuration file.
public struct OptionItem: Sendable, Equatable {
    public var text: String
    public var origin: String?

    public init(_ text: String, origin: String? = nil) {
        self.text = text
        self.origin = origin
    }

    /// `error`, prefixed with where this item was written when that was a file.
    public func located(_ error: HostError) -> HostError {
        guard let origin else { return error }
        return HostError("\(origin): \(error.description)", isTrap: error.isTrap)
    }
}
