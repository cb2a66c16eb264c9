import WasmPlugEngine

/// Renders a core module's imports and exports for `inspect`, marking who provides each
/// import: WASI preview 1, or nothing (plugins serve components only).
public enum ModulePrinter {
    /// The text to print, and the imports nothing provides (`module::name`).
    public static func render(_ module: Module, name: String) -> (text: String, missing: [String]) {
        var lines = ["// \(name): a core module (WASI preview 1)"], missing: [String] = []
        for item in module.imports {
            let marker = item.isWASIPreview1
                ? "provided: built-in WASI preview 1"
                : "NOT PROVIDED: plugins serve components only"
            if !item.isWASIPreview1 { missing.append("\(item.module)::\(item.name)") }
            lines.append("import \(item.module)::\(item.name): \(item.type);  // \(marker)")
        }
        for item in module.exports {
            lines.append("export \(item.name): \(item.type);")
        }
        return (lines.joined(separator: "\n"), missing)
    }
}
