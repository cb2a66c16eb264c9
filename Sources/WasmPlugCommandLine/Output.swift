import ArgumentParser
import Foundation

/// Prints `error: message` on stderr and gives the exit code to throw for `status`.
public func fail(_ message: CustomStringConvertible, status: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(status)
}

/// Writes a line to stdout without buffering, so it stays in order with the guest's output.
public func printLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
