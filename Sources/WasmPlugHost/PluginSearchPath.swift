import Foundation
import WasmPlugProvider

/// Where `-P plugin=NAME` finds plugins: the directories of `WASMPLUG_PLUGIN_PATH`
/// (colon-separated), then the user's plugin directory, `$XDG_DATA_HOME/wasmplug/plugins`
/// (`~/.local/share/wasmplug/plugins` without it). Only files with a plugin's suffix are read;
/// reading a native library's name loads it, which runs its constructors, so these
/// directories must hold only trusted files.
public struct PluginSearchPath: Sendable {
    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// `WASMPLUG_PLUGIN_PATH`'s directories, then the user's plugin directory.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> PluginSearchPath {
        let listed = (environment["WASMPLUG_PLUGIN_PATH"] ?? "").split(separator: ":").map(String.init)
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return PluginSearchPath(directories: listed + [data + "/wasmplug/plugins"])
    }

    /// A native plugin library's suffix on this system.
    #if os(macOS)
    public static let librarySuffix = ".dylib"
    #else
    public static let librarySuffix = ".so"
    #endif

    /// What `-P help` says about names.
    public static let help = """
          -P plugin=NAME[,KEY=VALUE...]
              A plugin found by its name rather than its path (NAME has no '/' and no suffix):
              a native library (\(librarySuffix)) whose descriptor declares NAME, or a plugin
              component NAME.wasm, in the directories of WASMPLUG_PLUGIN_PATH (colon-separated)
              and then $XDG_DATA_HOME/wasmplug/plugins (~/.local/share/wasmplug/plugins).
              Reading a library's name loads it: keep only trusted files there.
              `wasmplug plugin list` shows what is found. Example:
                wasmplug run -P plugin=keyvalue-sqlite,path=data.db app.wasm
        """

    /// Whether the value of `plugin=` is a name to look up rather than a file.
    public static func isName(_ value: Substring) -> Bool {
        !value.isEmpty && !value.contains("/") && !value.hasSuffix(librarySuffix) && !value.hasSuffix(".wasm")
    }

    /// `text` (one `-P` item) with `plugin=NAME` replaced by the file found: `plugin=PATH` for a
    /// native library, `component=PATH` for a plugin component; other items, and a NAME that is
    /// a file in the current directory, unchanged.
    public func locating(_ text: String) throws(HostError) -> String {
        guard text.hasPrefix("plugin=") else { return text }
        let parts = text.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts[0].dropFirst("plugin=".count)
        // A file of that name in the current directory is that file, as before there were names.
        guard Self.isName(name), !FileManager.default.fileExists(atPath: String(name)) else { return text }
        let found = try find(String(name))
        return (found.kind == .native ? "plugin=" : "component=") + found.file + (parts.count == 2 ? ",\(parts[1])" : "")
    }

    /// The one plugin named `name` on this path.
    public func find(_ name: String) throws(HostError) -> PluginCatalog.Entry {
        let matches = PluginCatalog(scanning: self).entries.filter { $0.name == name }
        guard matches.count < 2 else {
            throw HostError("-P plugin=\(name): two plugins are named \(name), \(matches[0].file) and \(matches[1].file); "
                + "remove one from the search path, or give the file's path")
        }
        guard let found = matches.first else {
            throw HostError("-P plugin=\(name): no plugin named \(name) in \(directories.joined(separator: ", ")) "
                + "(WASMPLUG_PLUGIN_PATH, then the user's plugin directory); `wasmplug plugin list` shows what is there, "
                + "or give the file's path")
        }
        return found
    }
}
