import Foundation

/// The paths every sandboxed plugin may read: where the dynamic loader finds libraries (its
/// cache, the system directories, `LD_LIBRARY_PATH`) and the directories of the libraries
/// already loaded (the Swift runtime's, Wasmtime's); and the harmless devices it may write.
enum LibraryDirectories {
    static let system = ["/etc/ld.so.cache", "/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib"]

    /// Readable and writable: reading gives nothing away, writing goes nowhere.
    static let devices = ["/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"].filter { FileManager.default.fileExists(atPath: $0) }

    /// The directories that exist, each once.
    static func current() -> [String] {
        let searched = (ProcessInfo.processInfo.environment["LD_LIBRARY_PATH"] ?? "").split(separator: ":").map(String.init)
        var seen = Set<String>()
        return (system + searched + loaded()).filter { !$0.isEmpty && FileManager.default.fileExists(atPath: $0) && seen.insert($0).inserted }
    }

    /// The directories of the shared objects mapped into this process, from /proc/self/maps.
    private static func loaded() -> [String] {
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return [] }
        return maps.split(separator: "\n").compactMap { line in
            guard let slash = line.firstIndex(of: "/") else { return nil }
            let path = String(line[slash...])
            guard path.contains(".so") else { return nil }
            return URL(fileURLWithPath: path).deletingLastPathComponent().path
        }
    }
}
