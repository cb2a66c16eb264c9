import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes compiled artifacts (cache entries, `wasmplug compile`'s output) so that a reader
/// sees the whole file or none, and so that mapping it later stays lean.
public enum ArtifactFile {
    /// Writes `bytes` to a temporary file beside `url`, flushes it, drops it from the page
    /// cache and renames it to `url`; false when any step fails (nothing is left behind).
    ///
    /// Written in one go, a file sits in the page cache in large folios, and Linux maps a whole
    /// folio on a fault: every start that maps hello.wasm's 32 MB artifact would then hold about
    /// 7 MiB more of it resident (52 MiB peak against 44 MiB when its pages come back on
    /// demand; BENCHMARKS.md, "Start-up").
    public static func write(_ bytes: [UInt8], to url: URL) -> Bool {
        let temporary = url.path + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == bytes.count
        let flushed = fsync(descriptor) == 0
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)
        close(descriptor)
        guard written, flushed, rename(temporary, url.path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
