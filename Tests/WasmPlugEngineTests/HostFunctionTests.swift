import Foundation
import WasmPlugEngine
import WasmPlugTestSupport
import XCTest

final class HostFunctionTests: XCTestCase {
    /// A component importing `double` from the host and exporting `run(x) = double(x) + 1`.
    static let doubler = """
        (component
          (import "double" (func $double (param "x" u32) (result u32)))
          (core func $lowered (canon lower (func $double)))
          (core module $m
            (import "host" "double" (func $d (param i32) (result i32)))
            (func (export "run") (param i32) (result i32)
              local.get 0
              call $d
              i32.const 1
              i32.add))
          (core instance $i (instantiate $m (with "host" (instance (export "double" (func $lowered))))))
          (func (export "run") (param "x" u32) (result u32) (canon lift (core func $i "run"))))
        """

    func testGuestCallsASwiftHostFunction() throws {
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.wat(Self.doubler))
        let linker = Linker(engine: engine)
        try linker.define(instance: nil) { root in
            try root.function("double") { _, arguments in
                guard case .u32(let x) = arguments.first else { throw WasmtimeError(.trap, "expected u32") }
                return .u32(x &* 2)
            }
        }
        let store = Store(engine: engine)
        let instance = try linker.instantiate(component, in: store)
        let run = try XCTUnwrap(instance.function(["run"]))
        XCTAssertEqual(run.type, FunctionType(parameters: [.init("x", .u32)], result: .u32))
        XCTAssertEqual(try run.call([.u32(20)]), .u32(41))
        XCTAssertEqual(try run.call([.u32(0)]), .u32(1))
    }

    func testAHostErrorTrapsTheGuestWithItsMessage() throws {
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.wat(Self.doubler))
        let linker = Linker(engine: engine)
        try linker.define(instance: nil) { root in
            try root.function("double") { _, _ in throw WasmtimeError(.trap, "the host says no") }
        }
        let instance = try linker.instantiate(component, in: Store(engine: engine))
        XCTAssertThrowsError(try instance.function(["run"])!.call([.u32(1)])) { error in
            let error = error as! WasmtimeError
            XCTAssertEqual(error.kind, .trap)
            XCTAssertTrue(error.description.contains("the host says no"), error.description)
        }
    }

    func testWrongArgumentTypesAreAnErrorNotACrash() throws {
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.wat(Self.doubler))
        let linker = Linker(engine: engine)
        try linker.define(instance: nil) { root in try root.function("double") { _, args in args[0] } }
        let instance = try linker.instantiate(component, in: Store(engine: engine))
        let run = instance.function(["run"])!
        XCTAssertThrowsError(try run.call([.string("nope")]))
        XCTAssertThrowsError(try run.call([]))
        XCTAssertEqual(try run.call([.u32(3)]), .u32(4), "the instance still works after refused calls")
    }

    func testAHostFunctionReturningTheWrongTypeTrapsInsteadOfCrashing() throws {
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.wat(Self.doubler))
        let linker = Linker(engine: engine)
        try linker.define(instance: nil) { root in try root.function("double") { _, _ in .string("not a u32") } }
        let instance = try linker.instantiate(component, in: Store(engine: engine))
        XCTAssertThrowsError(try instance.function(["run"])!.call([.u32(1)]))
    }

    func testMissingImportsFailInstantiationWithAnError() throws {
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.wat(Self.doubler))
        XCTAssertThrowsError(try Linker(engine: engine).instantiate(component, in: Store(engine: engine))) { error in
            XCTAssertTrue("\(error)".contains("double"), "\(error)")
        }
    }

    func testObjectsFromAnotherEngineAreRefused() throws {
        let component = try Component(engine: Engine(), bytes: Toolchain.wat(Self.doubler))
        let engine = Engine()
        XCTAssertThrowsError(try Linker(engine: engine).instantiate(component, in: Store(engine: engine))) { error in
            XCTAssertEqual((error as? WasmtimeError)?.kind, .misuse)
        }
    }

    func testComponentTypeDescribesImportsAndExports() throws {
        let component = try Component(engine: Engine(), bytes: Toolchain.wat(Self.doubler))
        let type = component.type
        XCTAssertEqual(type.imports.map(\.name), ["double"])
        XCTAssertEqual(type.exports.map(\.name), ["run"])
        guard case .function(let function) = type.imports[0].item else { return XCTFail("not a function") }
        XCTAssertEqual(function, FunctionType(parameters: [.init("x", .u32)], result: .u32))
    }

    func testSerializedComponentsLoadBack() throws {
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.wat(Self.doubler))
        let file = try temporaryDirectory().appendingPathComponent("doubler.cwasm")
        try Data(component.serialize()).write(to: file)
        let loaded = try Component(engine: engine, trustedSerializedFile: file.path)
        XCTAssertEqual(loaded.type.exports.map(\.name), ["run"])
    }

    /// A guest that creates host counters and never drops them: the store's teardown must.
    static let hoarder = """
        (component
          (import "counter" (type $c (sub resource)))
          (import "[constructor]counter" (func $new (result (own $c))))
          (core func $lowered (canon lower (func $new)))
          (core module $m
            (import "host" "new" (func $new (result i32)))
            (global $kept (mut i32) (i32.const 0))
            (func (export "keep") (global.set $kept (call $new))))
          (core instance $i (instantiate $m (with "host" (instance (export "new" (func $lowered))))))
          (func (export "keep") (canon lift (core func $i "keep"))))
        """

    func testHostResourcesStillAliveAreDroppedWhenTheStoreGoesAway() throws {
        final class Token {}
        var dropped = 0
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.wat(Self.hoarder))
        let counter = HostResourceType(name: "counter") { _ in dropped += 1 }
        let linker = Linker(engine: engine)
        try linker.define(instance: nil) { root in
            try root.resource(counter)
            try root.function("[constructor]counter") { caller, _ in try caller.makeResource(Token(), of: counter) }
        }
        do {
            let store = Store(engine: engine)
            let keep = try linker.instantiate(component, in: store).function(["keep"])!
            for _ in 0..<3 { try keep.call() }
            XCTAssertEqual(dropped, 0)
        }
        XCTAssertEqual(dropped, 3, "every counter was dropped with its store")
    }
}
