// swift-tools-version: 6.1
// Fuzz targets for WasmPlug, built with libFuzzer (see scripts/fuzz.sh). A package of its own, so
// the fuzz-only flag (`-sanitize=fuzzer`) never reaches the main package's build.
//
// Each target defines `LLVMFuzzerTestOneInput` and a `main.swift` that hands it to libFuzzer's
// driver (`runFuzzer`), because SwiftPM renames an executable's `main` on Linux.
import PackageDescription

let package = Package(
    name: "WasmPlugFuzz",
    dependencies: [
        .package(name: "WasmPlug", path: ".."),
    ],
    targets: [
        // The main package exports WasmPlugHost, whose dependency closure builds every module
        // fuzzed here (WasmPlugWRPC, WasmPlugNATS, WasmPlugWIT, WasmPlugWAVE, WasmPlugDL), which
        // the main package does not export as products of their own.
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver", .product(name: "WasmPlugHost", package: "WasmPlug")]),
        // The declaration of libFuzzer's LLVMFuzzerRunDriver.
        .target(name: "CFuzzerDriver"),
        .executableTarget(name: "FuzzWRPCDecoder", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzWITIntake", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzValueConversion", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzDLTypes", dependencies: ["FuzzSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
