import Foundation

extension ComponentPlugin {
    /// Its file's name without `.wasm` (a plugin component declares no name of its own), which
    /// `-P plugin=NAME` and `-P prefer=` use.
    public var name: String? { Self.name(ofFile: path) }

    /// The plugin name of the component file at `path`: `kv.wasm` is `kv`.
    public static func name(ofFile path: String) -> String {
        let file = URL(fileURLWithPath: path).lastPathComponent
        return file.hasSuffix(".wasm") ? String(file.dropLast(".wasm".count)) : file
    }
}
