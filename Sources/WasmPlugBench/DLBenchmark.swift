import CFFI
import Foundation
import WasmPlugDL
import WasmPlugEngine
import WasmPlugNative

/// The cost of calling a C function from a component through wasi:dl and as a typed native
/// import, beside the same function served by a native plugin and called with libffi straight
/// from Swift (the floor).
///
/// dl-bench.wasm (C, clang) loops over `int add(int, int)` of libdlbench.so and libc's
/// `strlen`; libdlbench.so is also the native plugin serving both as wasmplug:dl-bench/native.
public struct DLBenchmark {
    public static let runnerInterface = "wasmplug:dl-bench/runner@0.1.0"

    /// A C function the benchmark calls.
    public enum Function: Sendable {
        case add
        /// `strlen` of a string of this many bytes.
        case strlen(bytes: UInt32)
    }

    /// Where libc is, for `strlen`: the name the dynamic loader knows it by.
    #if canImport(Darwin)
    public static let libc = "libSystem.B.dylib"
    #else
    public static let libc = "libc.so.6"
    #endif

    private let library: String
    private let instance: Instance

    /// Instantiates `guest` (dl-bench.wasm) with wasi:dl allowed `library` (an absolute path to
    /// libdlbench.so) and libc, their `add` and `strlen` bound as typed imports, and with
    /// `library` as its native plugin.
    public init(guest bytes: [UInt8], library: String) throws {
        let engine = Engine()
        let component = try Component(engine: engine, bytes: bytes)
        let typed = "wasmplug:dl-bench/typed"
        let policy = DLPolicy(libraries: [
            .init(path: library, symbols: ["add"], imports: [
                .init(interface: typed, function: "add", symbol: "add", signature: try CSignature(parsing: "sint32(sint32, sint32)")),
            ]),
            .init(path: Self.libc, symbols: ["strlen"], imports: [
                .init(interface: typed, function: "strlen", symbol: "strlen", signature: try CSignature(parsing: "uint64(cstring)")),
            ]),
        ], source: "the benchmark's dl policy")
        let typedImports = DLTypedImports(policy: policy)
        let linker = Linker(engine: engine)
        let store = Store(engine: engine)
        let plugin = NativePlugin(library: try PluginLibrary(path: library))
        for item in component.type.imports {
            if DLInterface.serves(item.name) {
                try DLInterface(policy: policy).define(item, in: linker)
            } else if typedImports.serves(item.name) {
                try typedImports.define(item, in: linker)
            } else {
                try plugin.define(item, in: linker)
            }
        }
        try plugin.attach(to: store)
        self.library = library
        instance = try linker.instantiate(component, in: store)
    }

    /// Nanoseconds per wasi:dl call of `function` from the component, best of `rounds`.
    public func wasiDL(_ function: Function, calls: UInt32, rounds: Int = 5) throws -> Double {
        try best(of: rounds, calls: calls, try caller(function, .wasiDL, calls: calls))
    }

    /// Nanoseconds per call of `function` as a typed native import and through the native
    /// plugin, best of `rounds` each, their rounds taking turns.
    public func typedImportBesideNativePlugin(_ function: Function, calls: UInt32, rounds: Int = 5) throws -> (typed: Double, native: Double) {
        let figures = try bestSideBySide(rounds: rounds, calls: calls, try caller(function, .typedImport, calls: calls),
                                         try caller(function, .nativePlugin, calls: calls))
        return (figures.0, figures.1)
    }

    /// How dl-bench.wasm reaches a C function: the prefix of its loop exports.
    private enum Way: String {
        case wasiDL = "dl", typedImport = "typed", nativePlugin = "native"
    }

    /// The loop `<way>-add(n)` or `<way>-strlen(n, bytes)` (wasi:dl's with the library first)
    /// over `calls` calls, warmed up with a few; each run checks the guest's total, so a loop
    /// that made other calls than it was asked for fails the benchmark.
    private func caller(_ function: Function, _ way: Way, calls: UInt32) throws -> () throws -> Void {
        let export: String, library: String, trailing: [Value], total: (UInt32) -> Int64
        switch function {
        case .add:
            (export, library, trailing) = ("\(way.rawValue)-add", self.library, [])
            // wasi:dl's loop adds 1 and 2; the others add i and 2 for i below n.
            total = way == .wasiDL ? { n in 3 * Int64(n) } : { n in
                let count = Int64(n)
                return count * (count - 1) / 2 + 2 * count
            }
        case .strlen(let bytes):
            (export, library, trailing) = ("\(way.rawValue)-strlen", Self.libc, [.u32(bytes)])
            total = { n in Int64(n) * Int64(bytes) }
        }
        guard let exported = instance.function([Self.runnerInterface, export]) else {
            throw BenchmarkError("dl-bench.wasm does not export \(export): rebuild it with Tests/Guests/build.sh")
        }
        let leading: [Value] = way == .wasiDL ? [.string(library)] : []
        func run(_ n: UInt32) throws {
            let result = try exported.call(leading + [.u32(n)] + trailing)
            switch result {
            case .s64(let sum)?, .ok(.s64(let sum)?)?:
                guard sum == total(n) else {
                    throw BenchmarkError("dl-bench.wasm \(export) with n = \(n) returned \(sum), not \(total(n))")
                }
            case .err(let message)?:
                throw BenchmarkError("dl-bench.wasm \(export) failed: \(message.map { "\($0)" } ?? "no message")")
            default:
                throw BenchmarkError("dl-bench.wasm \(export) returned \(result.map { "\($0)" } ?? "nothing")")
            }
        }
        try run(min(calls, 100))
        return { try run(calls) }
    }

    /// Nanoseconds per call of `function` through libffi from Swift: the floor.
    public func libffiFloor(_ function: Function, calls: UInt32, rounds: Int = 5) throws -> Double {
        switch function {
        case .add:
            var a: Int32 = 1, b: Int32 = 2
            return try withUnsafeMutablePointer(to: &a) { a in
                try withUnsafeMutablePointer(to: &b) { b in
                    try FFICall(library: library, symbol: "add", parameters: [CFFI_SINT32, CFFI_SINT32], result: CFFI_SINT32)
                        .nanosecondsPerCall(arguments: [UnsafeMutableRawPointer(a), UnsafeMutableRawPointer(b)], calls: calls, rounds: rounds)
                }
            }
        case .strlen(let bytes):
            let text = strdup(String(repeating: "a", count: Int(bytes)))
            defer { free(text) }
            var pointer = UnsafeRawPointer(text)
            return try withUnsafeMutablePointer(to: &pointer) { pointer in
                try FFICall(library: Self.libc, symbol: "strlen", parameters: [CFFI_POINTER], result: CFFI_UINT64)
                    .nanosecondsPerCall(arguments: [UnsafeMutableRawPointer(pointer)], calls: calls, rounds: rounds)
            }
        }
    }
}

/// One C function prepared for `ffi_call`, with nothing between the loop and libffi.
private final class FFICall {
    private let handle: UnsafeMutableRawPointer
    private let address: UnsafeMutableRawPointer
    private let cif = UnsafeMutablePointer<ffi_cif>.allocate(capacity: 1)
    private let parameterTypes: UnsafeMutablePointer<UnsafeMutablePointer<ffi_type>?>

    init(library: String, symbol: String, parameters: [cffi_scalar_t], result: cffi_scalar_t) throws {
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            throw BenchmarkError("cannot open \(library): \(String(cString: dlerror())); build it with Tests/Plugins/build.sh")
        }
        guard let address = dlsym(handle, symbol) else {
            dlclose(handle)
            throw BenchmarkError("\(library) has no symbol \(symbol): rebuild it with Tests/Plugins/build.sh")
        }
        self.handle = handle
        self.address = address
        parameterTypes = .allocate(capacity: parameters.count)
        for (index, parameter) in parameters.enumerated() { (parameterTypes + index).initialize(to: cffi_scalar_type(parameter)) }
        let status = ffi_prep_cif(cif, FFI_DEFAULT_ABI, UInt32(parameters.count), cffi_scalar_type(result), parameterTypes)
        guard status == FFI_OK else {
            throw BenchmarkError("libffi cannot prepare a call of \(symbol) (status \(status.rawValue))")
        }
    }

    deinit {
        cif.deallocate()
        parameterTypes.deallocate()
        dlclose(handle)
    }

    /// `calls` calls with `arguments` (pointers to each argument's value), best of `rounds`.
    func nanosecondsPerCall(arguments: [UnsafeMutableRawPointer], calls: UInt32, rounds: Int) -> Double {
        var values = arguments.map { Optional($0) }
        var result: UInt64 = 0
        let function = unsafeBitCast(address, to: (@convention(c) () -> Void).self)
        return values.withUnsafeMutableBufferPointer { values in
            best(of: rounds, calls: calls) {
                for _ in 0..<calls { ffi_call(cif, function, &result, values.baseAddress) }
            }
        }
    }
}
