import Foundation
import WasmPlugDL
import WasmPlugEngine
import WasmPlugTestSupport
import XCTest

/// Typed native imports: dl-bench.wasm (C) imports wasmplug:dl-bench/typed, whose `add` and
/// `strlen` the policy binds to libdlbench.so's `add` and libc's `strlen`.
final class TypedImportTests: XCTestCase {
    static let interface = "wasmplug:dl-bench/typed"
    static let library = Toolchain.repository.appendingPathComponent("Tests/Plugins/build/libdlbench.so").path

    /// A policy binding `add` and `strlen` with these signatures.
    static func policy(add: String = "sint32(sint32, sint32)", strlen: String = "uint64(cstring)",
                       addSymbols: Set<String>? = ["add"]) throws -> DLPolicy {
        DLPolicy(libraries: [
            .init(path: library, symbols: addSymbols, imports: [
                .init(interface: interface, function: "add", symbol: "add", signature: try CSignature(parsing: add)),
            ]),
            .init(path: Libraries.libc, symbols: ["strlen"], imports: [
                .init(interface: interface, function: "strlen", symbol: "strlen", signature: try CSignature(parsing: strlen)),
            ]),
        ], source: "test policy")
    }

    /// dl-bench.wasm instantiated with the typed imports of `policy`; the other imports trap.
    private func instantiate(_ policy: DLPolicy) throws -> Instance {
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.guest("dl-bench.wasm"))
        let linker = Linker(engine: engine)
        let typed = DLTypedImports(policy: policy)
        for item in component.type.imports {
            if typed.serves(item.name) {
                try typed.define(item, in: linker)
            } else if DLInterface.serves(item.name) {
                try DLInterface(policy: policy).define(item, in: linker)
            } else {
                try linker.define(instance: item.name) { instance in
                    for member in item.item.instanceItems {
                        try instance.function(member.name) { _, _ in throw WasmtimeError(.trap, "not under test") }
                    }
                }
            }
        }
        return try linker.instantiate(component, in: Store(engine: engine))
    }

    private func call(_ instance: Instance, _ export: String, _ arguments: [Value]) throws -> Value? {
        try XCTUnwrap(instance.function(["wasmplug:dl-bench/runner@0.1.0", export])).call(arguments)
    }

    func testCallsReachTheBoundCFunctions() throws {
        let instance = try instantiate(Self.policy())
        // add(i, 2) for i in 0..<100: 4950 + 200.
        XCTAssertEqual(try call(instance, "typed-add", [.u32(100)]), .s64(5150))
        XCTAssertEqual(try call(instance, "typed-strlen", [.u32(10), .u32(1024)]), .s64(10240))
        XCTAssertEqual(try call(instance, "typed-strlen", [.u32(3), .u32(0)]), .s64(0))
    }

    func testAStringArrivesNULTerminatedAndOneHoldingANULTraps() throws {
        let instance = try instantiate(Self.policy())
        XCTAssertEqual(try call(instance, "typed-strlen-of", [.string("héllo")]), .s64(6))
        XCTAssertEqual(try call(instance, "typed-strlen-of", [.string(String(repeating: "x", count: 5000))]), .s64(5000))
        XCTAssertThrowsError(try call(instance, "typed-strlen-of", [.string("a\u{0}b")])) { error in
            XCTAssertTrue("\(error)".contains("strlen: argument 0 holds a NUL character"), "\(error)")
        }
    }

    func testAMismatchNamesTheFunctionAndBothTypes() throws {
        XCTAssertThrowsError(try instantiate(Self.policy(add: "sint64(sint32, sint32)"))) { error in
            XCTAssertEqual("\(error)", "wasmplug:dl-bench/typed@0.1.0#add: the component imports it as func(a: s32, b: s32) -> s32, "
                + "which does not match the C signature sint64(sint32, sint32) of add in \(Self.library) (the result: sint64 "
                + "cannot be returned as s32); see docs/wasi-dl.md for how WIT types map to C types")
        }
        XCTAssertThrowsError(try instantiate(Self.policy(strlen: "uint64(pointer)"))) { error in
            XCTAssertTrue("\(error)".contains("parameter s: string cannot be passed as pointer"), "\(error)")
        }
        XCTAssertThrowsError(try instantiate(Self.policy(add: "sint32(sint32)"))) { error in
            XCTAssertTrue("\(error)".contains("2 parameters against 1"), "\(error)")
        }
    }

    func testThePolicyStillDecides() throws {
        XCTAssertThrowsError(try instantiate(Self.policy(addSymbols: ["sub"]))) { error in
            XCTAssertEqual("\(error)", "wasmplug:dl-bench/typed@0.1.0#add: symbol add of \(Self.library) is not in the dl policy "
                + "(test policy allows: sub)")
        }
        var pinned = try Self.policy()
        pinned.libraries[1].signatures["strlen"] = try CSignature(parsing: "sint32(cstring)")
        XCTAssertThrowsError(try instantiate(pinned)) { error in
            XCTAssertTrue("\(error)".contains("strlen of libc.so.6 must have the signature sint32(cstring)"), "\(error)")
        }
        var unbound = try Self.policy()
        unbound.libraries[1].imports = []
        XCTAssertThrowsError(try instantiate(unbound)) { error in
            XCTAssertEqual("\(error)", "wasmplug:dl-bench/typed@0.1.0#strlen is imported, but the dl policy (test policy) binds "
                + "no native function to it: add \"wasmplug:dl-bench/typed#strlen\" = \"SYMBOL: SIGNATURE\" to a [library.imports] table")
        }
    }

    func testPolicyFilesBindImports() throws {
        let policy = try DLPolicy(parsing: """
            [[library]]
            path = "libc.so.6"
            symbols = ["strlen"]
            [library.imports]
            "wasmplug:dl-bench/typed#strlen" = "strlen: uint64(cstring)"
            """, file: "policy.toml")
        XCTAssertEqual(policy.libraries[0].imports, [
            .init(interface: Self.interface, function: "strlen", symbol: "strlen", signature: try CSignature(parsing: "uint64(cstring)")),
        ])
        XCTAssertTrue(DLTypedImports(policy: policy).serves("wasmplug:dl-bench/typed@0.1.0"))
        XCTAssertFalse(DLTypedImports(policy: policy).serves("wasmplug:dl-bench/native@0.1.0"))
        for (line, message) in [
            ("strlen = \"strlen: uint64(cstring)\"", "policy.toml:4: 'strlen' is not a WIT function: write \"namespace:package/interface#function\""),
            ("\"a:b/c#f\" = \"uint64(cstring)\"", "policy.toml:4: the binding of 'a:b/c#f' must be \"symbol: signature\", such as \"strlen: uint64(cstring)\""),
        ] {
            XCTAssertThrowsError(try DLPolicy(parsing: "[[library]]\npath = \"libc.so.6\"\n[library.imports]\n\(line)\n", file: "policy.toml")) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
        XCTAssertThrowsError(try DLPolicy(parsing: """
            [[library]]
            path = "libc.so.6"
            [library.imports]
            "a:b/c#f" = "strlen: uint64(cstring)"
            [[library]]
            path = "libz.so.1"
            [library.imports]
            "a:b/c#f" = "crc32: uint64(cstring)"
            """, file: "policy.toml")) { error in
            XCTAssertEqual("\(error)", "policy.toml:5: a:b/c#f is bound twice; keep one binding")
        }
    }
}
