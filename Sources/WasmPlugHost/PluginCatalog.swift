import Foundation
import WasmPlugComponentPlugins
import WasmPlugEngine
import WasmPlugNative
import WasmPlugProvider

/// The plugins in a search path's directories, and why each other file there was skipped:
/// what `wasmplug plugin list` prints and `-P plugin=NAME` looks up.
public struct PluginCatalog {
    public enum Kind: String, Sendable { case native, component }

    /// One plugin found.
    public struct Entry: Sendable {
        /// A native plugin's declared name; a plugin component's file name without `.wasm`.
        public var name: String
        /// A native plugin's declared version; a plugin component has none.
        public var version: String?
        public var kind: Kind
        /// The interfaces it serves; a plugin component's are only read when asked for.
        public var interfaces: [String]
        public var file: String
    }

    public var entries: [Entry] = []
    /// Files (and missing directories) that hold no plugin, each with the reason.
    public var skipped: [(file: String, reason: String)] = []

    /// Reads every file with a plugin's suffix in `searchPath`'s directories, in order.
    /// `componentExports`, when given, reads a plugin component's exported interfaces
    /// (compiling it); without it they are left empty.
    public init(scanning searchPath: PluginSearchPath, componentExports: ((String) throws(HostError) -> [String])? = nil) {
        for directory in searchPath.directories {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
                skipped.append((directory, "no such directory"))
                continue
            }
            for file in files.sorted() {
                let path = URL(fileURLWithPath: directory).appendingPathComponent(file).path
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                do throws(HostError) {
                    entries.append(try Self.read(path, componentExports: componentExports))
                } catch {
                    skipped.append((path, error.description))
                }
            }
        }
    }

    /// The plugin in the file at `path`, or why it is none.
    private static func read(_ path: String, componentExports: ((String) throws(HostError) -> [String])?) throws(HostError) -> Entry {
        if path.hasSuffix(PluginSearchPath.librarySuffix) {
            do {
                let library = try PluginLibrary(path: path)
                let interfaces = NativePlugin(library: library).interfaces.sorted()
                return Entry(name: library.name, version: library.version, kind: .native, interfaces: interfaces, file: path)
            } catch {
                throw HostError(error.description)
            }
        }
        guard path.hasSuffix(".wasm") else {
            throw HostError("not a plugin file: its name ends in neither \(PluginSearchPath.librarySuffix) nor .wasm")
        }
        let header = FileHandle(forReadingAtPath: path).map { [UInt8]($0.readData(ofLength: 8)) } ?? []
        guard WasmBinaryKind(header) == .component else {
            throw HostError("not a plugin component: \(WasmBinaryKind(header) == .coreModule ? "a core module" : "not a WebAssembly component")")
        }
        return Entry(name: ComponentPlugin.name(ofFile: path), version: nil, kind: .component,
                     interfaces: try componentExports?(path) ?? [], file: path)
    }
}
