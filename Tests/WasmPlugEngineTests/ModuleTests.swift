import Foundation
import WasmPlugEngine
import WasmPlugTestSupport
import XCTest

/// Core modules through the engine layer: their types, calls with numbers, traps, a
/// serialized round trip, and WASI preview 1 linked without a WASI context never aborting.
final class ModuleTests: XCTestCase {
    static let calc = """
        (module
          (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
          (memory (export "memory") 1)
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "div") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
          (func (export "leave") (param i32) (call 0 (local.get 0))))
        """

    func testAModuleListsItsImportsAndExportsWithTheirTypes() throws {
        let module = try Module(engine: Engine(), bytes: Toolchain.wat(Self.calc))
        XCTAssertEqual(module.imports.map { "\($0.module)::\($0.name): \($0.type)" }, ["wasi_snapshot_preview1::proc_exit: func(i32)"])
        XCTAssertEqual(module.exports.map { "\($0.name): \($0.type)" },
                       ["memory: memory", "add: func(i32, i32) -> i32", "div: func(i64, i64) -> i64", "leave: func(i32)"])
    }

    func testCallsTakeAndReturnNumbersAndTrapsAndExitsAreTold() throws {
        let engine = Engine()
        let linker = ModuleLinker(engine: engine)
        try linker.addWASI()
        // No WASI context was set: the linker gives the store an empty one instead of aborting.
        let instance = try linker.instantiate(Module(engine: engine, bytes: Toolchain.wat(Self.calc)), in: Store(engine: engine))
        XCTAssertEqual(try XCTUnwrap(instance.function("add")).call([.i32(40), .i32(2)]), [.i32(42)])
        XCTAssertNil(instance.function("memory"), "a memory is not a function")
        XCTAssertThrowsError(try XCTUnwrap(instance.function("div")).call([.i64(1), .i64(0)])) { error in
            XCTAssertEqual((error as? WasmtimeError)?.kind, .trap, "\(error)")
        }
        XCTAssertThrowsError(try XCTUnwrap(instance.function("leave")).call([.i32(7)])) { error in
            XCTAssertEqual((error as? WasmtimeError)?.kind, .exit(7), "\(error)")
        }
    }

    func testASerializedModuleLoadsAgainAndAComponentIsNotAModule() throws {
        let engine = Engine()
        let file = try temporaryDirectory().appendingPathComponent("calc.cwasm")
        try Data(Module(engine: engine, bytes: Toolchain.wat(Self.calc)).serialize()).write(to: file)
        let loaded = try Module(engine: engine, trustedSerializedFile: file.path)
        XCTAssertEqual(loaded.exports.count, 4)
        let component = try Toolchain.wat("(component)")
        XCTAssertThrowsError(try Module(engine: engine, bytes: component)) { error in
            XCTAssertTrue("\(error)".contains("this is a component, not a core WebAssembly module"), "\(error)")
        }
    }

    func testCoreValuesAreReadAsWasmtimeReadsThem() {
        XCTAssertEqual(CoreValue("-1", as: .i32), .i32(-1))
        XCTAssertEqual(CoreValue("4294967295", as: .i32), .i32(-1))
        XCTAssertEqual(CoreValue("1.5", as: .f64), .f64(1.5))
        XCTAssertNil(CoreValue("x", as: .i64))
        XCTAssertNil(CoreValue("1", as: .v128))
    }
}
