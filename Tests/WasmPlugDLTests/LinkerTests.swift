import Foundation
import WasmPlugDL
import WasmPlugEngine
import WasmPlugTestSupport
import XCTest

final class LinkerTests: XCTestCase {
    /// A component importing every item of wit/dl/dl.wit (its functions trap if called),
    /// built with `wasm-tools component embed --dummy`.
    static func dummyComponent(engine: Engine) throws -> Component {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let core = directory.appendingPathComponent("core.wasm").path, component = directory.appendingPathComponent("c.wasm").path
        try run(["component", "embed", "--dummy", Toolchain.repository.appendingPathComponent("wit/dl").path,
                 "--world", "dl-plugin", "-o", core])
        try run(["component", "new", core, "-o", component])
        return try Component(engine: engine, bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: component))))
    }

    private static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["wasm-tools"] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    }

    func testDefinesEveryImportOfTheInterface() throws {
        let engine = Engine()
        let component = try Self.dummyComponent(engine: engine)
        let item = try XCTUnwrap(component.type.imports.first { DLInterface.serves($0.name) })
        XCTAssertEqual(item.name, "wasi:dl/dl@\(DLInterface.version)")
        let linker = Linker(engine: engine)
        try DLInterface(policy: DLPolicy()).define(item, in: linker)
        XCTAssertTrue(linker.definedNames.contains(item.name))
        XCTAssertNoThrow(try linker.instantiate(component, in: Store(engine: engine)))
    }

    func testRefusesImportsItDoesNotImplement() throws {
        let engine = Engine()
        let interface = DLInterface(policy: DLPolicy())
        let newer = NamedItem(name: "wasi:dl/dl@0.2.0", item: .instance([
            NamedItem(name: "library-name", item: .function(FunctionType(parameters: [.init("base", .string)], result: .string))),
            NamedItem(name: "[static]library.open-at", item: .function(FunctionType(parameters: [], result: nil))),
        ]))
        XCTAssertThrowsError(try interface.define(newer, in: Linker(engine: engine))) { error in
            XCTAssertTrue("\(error)".contains("[static]library.open-at"), "\(error)")
        }
        XCTAssertThrowsError(try interface.define(NamedItem(name: "wasi:keyvalue/store", item: .instance([])), in: Linker(engine: engine)))
    }

    /// Tests/Guests/python/dl_smoke through the engine: a Python component calling libc and
    /// zlib, with the policy allowing exactly those two.
    func testAPythonComponentCallsNativeLibraries() throws {
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.guest("dl-smoke.wasm"))
        let linker = Linker(engine: engine)
        try linker.addWASI()
        let policy = DLPolicy(libraries: [.init(path: "libc.so.6"), .init(path: "libz.so.1", symbols: ["crc32"])], source: "test policy")
        for item in component.type.imports where DLInterface.serves(item.name) {
            try DLInterface(policy: policy).define(item, in: linker)
        }
        let store = Store(engine: engine)
        let run = try XCTUnwrap(linker.instantiate(component, in: store).function(["run"]))
        guard case .list(let lines)? = try run.call() else { return XCTFail("run returned no list") }
        let transcript = lines.map { line -> String in
            guard case .string(let text) = line else { return "\(line)" }
            return text
        }
        // Each line starts with the expected text (the loader's own message follows on some).
        let expected = [
            "library-name: libz.so",
            "abs(-5): CValue_Sint32(value=5)",
            "strlen: CValue_Uint64(value=7)",
            "div(17, 5): CValue_Structure(value=[ScalarValue_Sint32(value=3), ScalarValue_Sint32(value=2)])",
            "crc32: 0x3610a686",
            "read-bytes: b'ell'",
            "layout: size 16, field 1 CValue_Double(value=2.5)",
            "open /x/y.so: Error_NotAllowed library /x/y.so is not in the dl policy (test policy allows: libc.so.6, libz.so.1)",
            "missing symbol: Error_NotFound symbol no_such_symbol not found in libc.so.6",
            "void parameter: Error_InvalidSignature parameter 0 of abs cannot be void",
            "wrong argument: Error_InvalidArgument argument 0 of abs: expected sint32, got double",
            "past the end: Error_OutOfBounds bytes 3..<6 are outside the 5-byte allocation",
            "after free: Error_Freed the allocation of 5 bytes was freed",
        ]
        XCTAssertEqual(transcript.count, expected.count, transcript.joined(separator: "\n"))
        for (line, start) in zip(transcript, expected) { XCTAssertTrue(line.hasPrefix(start), "\(line)\n  expected: \(start)") }
    }
}
