import CFuzzerDriver
#if canImport(Glibc)
import Glibc
#endif

/// Runs libFuzzer on `testOneInput` with the process's command line, and exits with its status.
///
/// SwiftPM on Linux links an executable target's `main` to a symbol of the module's own
/// (`<Target>_main`), so each fuzz target's `main.swift` calls this instead of relying on
/// libFuzzer's `main`.
public func runFuzzer(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
}
