import FuzzSupport
import WasmPlugEngine
import WasmPlugNative
import WasmPlugWIT

/// What the host does with a native plugin's WIT before trusting its function table: parse the
/// document, resolve every world's exports, map each function to the engine's types and lay
/// its values out for the native ABI. (`PluginLibrary` reads the descriptor itself only from a
/// loaded library, so the fuzzer drives the same steps on the WIT text directly.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let document = try? WITDocument.parse(text, fileName: "fuzz.wit") else { return 0 }
    _ = document.packageName
    for world in document.worldNames {
        guard let exports = try? document.exports(ofWorld: world) else { continue }
        for export in exports { check(export) }
    }
    _ = try? document.exports(ofWorld: "no-such-world")
    return 0
}

/// The function-table keys, engine types and native layouts of one export.
func check(_ export: WITExport) {
    let functions: [(key: String, function: WITFunction)] = switch export {
    case .interface(let interface): interface.functions.map { ("\(interface.name)#\($0.name)", $0) }
    case .function(let function): [(function.name, function)]
    }
    for (key, function) in functions {
        if key.isEmpty { fuzzFailure("an export with an empty function-table key") }
        _ = function.description
        guard let type = try? function.functionType(handle: { _, _ in .u32 }) else { continue }
        _ = function.matches(type)
        for parameter in type.parameters { checkLayout(NativeLayout(parameter.type), of: parameter.type) }
        if let result = type.result { checkLayout(NativeLayout(result), of: result) }
    }
}

/// The canonical ABI's layout rules: a power-of-two alignment of at most 8, a size that is a
/// multiple of it.
func checkLayout(_ layout: NativeLayout, of type: ValueType) {
    let alignment = layout.alignment
    guard alignment > 0, alignment <= 8, alignment & (alignment - 1) == 0, layout.size % alignment == 0 else {
        fuzzFailure("layout of \(type): size \(layout.size), alignment \(alignment)")
    }
}
