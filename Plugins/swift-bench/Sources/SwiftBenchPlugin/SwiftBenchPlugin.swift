import WasmPlugPluginSDK

// wasmplug:bench/host written in Swift with WasmPlugPluginSDK: the same functions as
// Tests/Plugins/c/bench_plugin.c, built as a SwiftPM dynamic library
// (.build/<config>/libSwiftBenchPlugin.so).

private struct AddArguments {
    var a: UInt32
    var b: UInt32
}

private let descriptor = PluginDescriptor(
    name: "swift-bench", version: "0.1.0",
    wit: """
        package wasmplug:bench@0.1.0;
        interface host {
          f: func(x: u32) -> u32;
          add: func(a: u32, b: u32) -> u32;
          echo: func(s: string) -> string;
          sum: func(v: list<u32>) -> u64;
        }
        world swift-bench { export host; }
        """,
    world: "swift-bench",
    functions: [
        ("wasmplug:bench/host@0.1.0#f", { _, _, args, results in
            results!.storeBytes(of: args!.load(as: UInt32.self) &+ 1, as: UInt32.self)
            return 0
        }),
        ("wasmplug:bench/host@0.1.0#add", { _, _, args, results in
            let arguments = args!.load(as: AddArguments.self)
            results!.storeBytes(of: arguments.a &+ arguments.b, as: UInt32.self)
            return 0
        }),
        ("wasmplug:bench/host@0.1.0#echo", { _, call, args, results in
            // Copied through a Swift String on purpose, to exercise the SDK's conversions.
            let text = args!.load(as: wasmplug_str_t.self).string
            if text == "please fail" { return PluginCall(call).fail("asked to fail, from Swift") }
            results!.storeBytes(of: PluginCall(call).string(text), as: wasmplug_str_t.self)
            return 0
        }),
        ("wasmplug:bench/host@0.1.0#sum", { _, _, args, results in
            let values = args!.load(as: wasmplug_list_t.self).elements(UInt32.self)
            results!.storeBytes(of: values.reduce(UInt64(0)) { $0 &+ UInt64($1) }, as: UInt64.self)
            return 0
        }),
    ],
    threadSafe: true)

@_cdecl("wasmplug_plugin_descriptor")
public func wasmplugPluginDescriptor() -> UnsafePointer<wasmplug_plugin_t> {
    descriptor.pointer
}
