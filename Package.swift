// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "WasmPlug",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "wasmplug", targets: ["WasmPlugCLI"]),
        // The measurements beside their floors, and the soak test (BENCHMARKS.md).
        .executable(name: "wasmplug-bench", targets: ["WasmPlugBenchCLI"]),
        .library(name: "WasmPlugEngine", targets: ["WasmPlugEngine"]),
        .library(name: "WasmPlugWAVE", targets: ["WasmPlugWAVE"]),
        .library(name: "WasmPlugHost", targets: ["WasmPlugHost"]),
        // For plugin authors: the C ABI header and Swift helpers; a plugin is a dynamic library.
        .library(name: "WasmPlugPluginSDK", targets: ["WasmPlugPluginSDK"]),
        // For RPC plugin authors: serve WIT interfaces over wRPC from Swift (what `bindgen --lang swift-wrpc` targets).
        .library(name: "WasmPlugRPCServer", targets: ["WasmPlugRPCServer"]),
        // Reads WIT documents into WasmPlug's type model.
        .library(name: "WasmPlugWIT", targets: ["WasmPlugWIT"]),
        // An example native plugin written in Swift (wasmplug:bench/host).
        .library(name: "SwiftBenchPlugin", type: .dynamic, targets: ["SwiftBenchPlugin"]),
        // An example native plugin written in Swift: wasi:keyvalue/store in memory.
        .library(name: "SwiftKeyValuePlugin", type: .dynamic, targets: ["SwiftKeyValuePlugin"]),
        // An example RPC plugin: wasi:keyvalue/store served over wRPC from Redis.
        .executable(name: "wasmplug-keyvalue-redis", targets: ["KeyValueRedis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        // Ed25519 for NATS NKey authentication (WasmPlugNATS only).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // TLS for RPC plugins: wrpc+tcp (mutual TLS) and NATS (WasmPlugTLS, WasmPlugRPC, WasmPlugRPCServer).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // The Wasmtime C API, declared by us; links the libwasmtime.so that scripts/setup.sh installs
        // (found through its pkg-config file, wasmtime.pc).
        .systemLibrary(name: "CWasmtime", pkgConfig: "wasmtime"),
        // Safe Swift types over the engine: Engine, Store, Component, Linker, Instance, Func, Value.
        .target(name: "WasmPlugEngine", dependencies: ["CWasmtime"]),
        // The WAVE text format for component values (`--invoke` arguments and results).
        .target(name: "WasmPlugWAVE", dependencies: ["WasmPlugEngine"]),
        // Bounded reads of untrusted bytes and LEB128 integers: wRPC's wire format, the component binary format.
        .target(name: "WasmPlugBytes"),
        // wRPC's wire encoding of component values (the component model's value definition encoding).
        .target(name: "WasmPlugWRPC", dependencies: ["WasmPlugEngine", "WasmPlugBytes"]),
        // The NATS client protocol's framing, for wRPC over NATS (client and server).
        .target(name: "WasmPlugNATS", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // TLS settings for RPC connections (CA, certificate, key, server name), on swift-nio-ssl.
        .target(name: "WasmPlugTLS", dependencies: [.product(name: "NIOSSL", package: "swift-nio-ssl")]),
        // RPC plugins, the client side: imports served by another process over wRPC.
        .target(name: "WasmPlugRPC", dependencies: [
            "WasmPlugEngine", "WasmPlugProvider", "WasmPlugWRPC", "WasmPlugNATS", "WasmPlugTLS",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOTLS", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // RPC plugins, the server side: serve WIT interfaces from Swift over wRPC, on SwiftNIO.
        .target(name: "WasmPlugRPCServer", dependencies: [
            "WasmPlugEngine", "WasmPlugBytes", "WasmPlugWRPC", "WasmPlugWIT", "WasmPlugNATS", "WasmPlugRPC", "WasmPlugTLS",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // What every kind of plugin implements: the import-provider protocol, the `-P` kind
        // protocol, and the one resolution of a component's imports to providers.
        .target(name: "WasmPlugProvider", dependencies: ["WasmPlugEngine"]),
        // Run configuration files (`--config app.toml`): a TOML reader with line-numbered errors,
        // and the file's tables read into the command line's option items.
        .target(name: "WasmPlugConfig", dependencies: ["WasmPlugProvider"]),
        // Reading and compiling component files, with the compiled-component cache.
        .target(name: "WasmPlugCache", dependencies: ["WasmPlugEngine", "WasmPlugProvider"]),
        // Plugin components: components whose exports serve the guest's imports, in its store.
        .target(name: "WasmPlugComponentPlugins", dependencies: ["WasmPlugEngine", "WasmPlugProvider", "WasmPlugCache", "WasmPlugDL"]),
        // Native plugins in child processes (`isolate=process`, `isolate=sandbox`), reached over wRPC.
        .target(name: "WasmPlugIsolation", dependencies: ["WasmPlugEngine", "WasmPlugProvider", "WasmPlugNative", "WasmPlugRPC", "WasmPlugSandbox"]),
        // The Linux system calls of the sandbox: Landlock, the seccomp-bpf filter, namespaces.
        .target(name: "CSandbox"),
        // `isolate=sandbox`: a plugin's child process confined by the kernel (policy, Landlock, seccomp, rlimits).
        .target(name: "WasmPlugSandbox", dependencies: ["CSandbox", "WasmPlugProvider"]),
        // The plugin host: the kinds of plugin, the providers of one run, running a guest.
        .target(name: "WasmPlugHost", dependencies: [
            "WasmPlugEngine", "WasmPlugWAVE", "WasmPlugProvider", "WasmPlugCache", "WasmPlugNative", "WasmPlugRPC", "WasmPlugWRPC", "WasmPlugDL",
            "WasmPlugComponentPlugins", "WasmPlugIsolation",
        ]),
        // Reads plugins' WIT documents (WasmKit's WIT parser) into WasmPlug's type model.
        .target(name: "WasmPlugWIT", dependencies: ["WasmPlugEngine", .product(name: "WIT", package: "WasmKit")]),
        // The native plugin ABI: the one C header plugin authors include.
        .target(name: "CWasmPlugPlugin"),
        // Native plugins: loading self-describing shared libraries and binding them to guests.
        .target(name: "WasmPlugNative", dependencies: ["WasmPlugEngine", "WasmPlugProvider", "WasmPlugWIT", "CWasmtime", "CWasmPlugPlugin"]),
        .target(name: "WasmPlugPluginSDK", dependencies: ["CWasmPlugPlugin"]),
        .target(name: "SwiftBenchPlugin", dependencies: ["WasmPlugPluginSDK"], path: "Plugins/swift-bench/Sources/SwiftBenchPlugin"),
        .target(name: "SwiftKeyValuePlugin", dependencies: ["WasmPlugPluginSDK"],
                path: "Plugins/swift-keyvalue-memory/Sources/SwiftKeyValuePlugin"),
        // An example RPC plugin: wasi:keyvalue/store over wRPC, backed by Redis.
        .executableTarget(name: "KeyValueRedis", dependencies: [
            "WasmPlugRPCServer", "WasmPlugRPC", "WasmPlugWRPC", "WasmPlugEngine", "WasmPlugCommandLine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Plugins/keyvalue-redis/Sources/KeyValueRedis"),
        // `wasmplug bindgen`: plugin glue generated from WIT.
        .target(name: "WasmPlugBindgen", dependencies: ["WasmPlugWIT", "WasmPlugNative", "WasmPlugEngine", "WasmPlugWRPC"]),
        // `wasmplug-bench`: host-call and start-up measurements beside their floors.
        .target(name: "WasmPlugBench", dependencies: [
            "WasmPlugHost", "WasmPlugProvider", "WasmPlugCache", "WasmPlugEngine", "WasmPlugNative", "CWasmtime", "WasmPlugRPC",
            "WasmPlugRPCServer", "WasmPlugWRPC", "WasmPlugNATS", "WasmPlugDL", "CFFI",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // libffi and the dynamic loader, for the wasi:dl host.
        .systemLibrary(name: "CFFI", pkgConfig: "libffi"),
        // wasi:dl: trusted plugin components calling native libraries through libffi, under a policy.
        .target(name: "WasmPlugDL", dependencies: ["WasmPlugEngine", "WasmPlugProvider", "CFFI", "CWasmtime"]),
        // `wasmplug compose`: a guest and its plugin components written as one component.
        .target(name: "WasmPlugCompose", dependencies: ["WasmPlugEngine", "WasmPlugBytes", "WasmPlugDL"]),
        // What the command-line tools share: error and output lines, the server address options.
        .target(name: "WasmPlugCommandLine", dependencies: [
            "WasmPlugWRPC", "WasmPlugNATS", "WasmPlugTLS", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(
            name: "WasmPlugCLI",
            dependencies: [
                "WasmPlugHost",
                "WasmPlugProvider",
                "WasmPlugCache",
                "WasmPlugComponentPlugins",
                "WasmPlugCompose",
                "WasmPlugNative",
                "WasmPlugBindgen",
                "WasmPlugRPC",
                "WasmPlugRPCServer",
                "WasmPlugCommandLine",
                "WasmPlugWRPC",
                "WasmPlugConfig",
                "WasmPlugSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `wasmplug-bench`: the bench and soak commands over WasmPlugBench.
        .executableTarget(name: "WasmPlugBenchCLI", dependencies: [
            "WasmPlugBench", "WasmPlugHost", "WasmPlugProvider", "WasmPlugCache", "WasmPlugIsolation", "WasmPlugNative",
            "WasmPlugRPC", "WasmPlugRPCServer", "WasmPlugEngine", "WasmPlugCommandLine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Shared by the test targets: builds WAT with wasm-tools, finds the built guests.
        .target(name: "WasmPlugTestSupport", dependencies: ["WasmPlugEngine", "WasmPlugNATS"], path: "Tests/WasmPlugTestSupport"),
        .testTarget(name: "CWasmtimeLayoutTests", dependencies: ["CWasmtime"]),
        .testTarget(name: "WasmPlugEngineTests", dependencies: ["WasmPlugEngine", "WasmPlugTestSupport"]),
        .testTarget(name: "WasmPlugWAVETests", dependencies: ["WasmPlugWAVE", "WasmPlugEngine", "WasmPlugTestSupport"]),
        .testTarget(name: "WasmPlugWRPCTests", dependencies: ["WasmPlugWRPC", "WasmPlugNATS", "WasmPlugEngine", "WasmPlugTestSupport"]),
        .testTarget(name: "WasmPlugWITTests", dependencies: ["WasmPlugWIT", "WasmPlugEngine"]),
        .testTarget(name: "WasmPlugNativeTests", dependencies: ["WasmPlugNative", "WasmPlugEngine", "WasmPlugTestSupport"]),
        .testTarget(name: "WasmPlugRPCTests", dependencies: [
            "WasmPlugRPC", "WasmPlugRPCServer", "WasmPlugNative", "WasmPlugWRPC", "WasmPlugNATS", "WasmPlugEngine", "WasmPlugTestSupport",
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "WasmPlugHostTests", dependencies: [
            "WasmPlugHost", "WasmPlugProvider", "WasmPlugCache", "WasmPlugComponentPlugins", "WasmPlugNative", "WasmPlugRPC", "WasmPlugWRPC",
            "WasmPlugTestSupport", "WasmPlugConfig",
        ]),
        .testTarget(name: "WasmPlugDLTests", dependencies: ["WasmPlugDL", "WasmPlugEngine", "WasmPlugTestSupport"]),
        // `wasmplug bindgen --lang swift` output for every WIT value kind: must compile.
        .target(name: "GeneratedEchoBindings", dependencies: ["WasmPlugPluginSDK"], path: "Tests/GeneratedBindings"),
        .testTarget(name: "WasmPlugCLITests", dependencies: [
            "WasmPlugTestSupport", "GeneratedEchoBindings", "WasmPlugHost", "WasmPlugIsolation", "WasmPlugEngine",
        ]),
    ],
    swiftLanguageModes: [.v6]
)
