import Foundation
import WasmPlugEngine
import WasmPlugTestSupport
import XCTest

/// Engine failures are classified by Wasmtime's trap codes, read from the `wasmtime_error_t` a
/// component call returns, not by their message text.
final class TrapCodeTests: XCTestCase {
    static let spin = """
        (component
          (core module $m (func (export "spin") (loop $forever br $forever)))
          (core instance $i (instantiate $m))
          (func (export "spin") (canon lift (core func $i "spin"))))
        """

    func testRunningOutOfFuelIsOutOfFuel() throws {
        let engine = Engine(Engine.Configuration(consumeFuel: true))
        let store = Store(engine: engine)
        try store.setFuel(10_000)
        let spin = try XCTUnwrap(Linker(engine: engine).instantiate(Component(engine: engine, bytes: Toolchain.wat(Self.spin)), in: store)
            .function(["spin"]))
        XCTAssertThrowsError(try spin.call([])) { error in
            XCTAssertEqual((error as? WasmtimeError)?.kind, .outOfFuel, "\(error)")
        }
    }

    func testPassingTheEpochDeadlineIsInterrupted() throws {
        let engine = Engine(Engine.Configuration(epochInterruption: true))
        let store = Store(engine: engine)
        try store.setEpochDeadline(1)
        let spin = try XCTUnwrap(Linker(engine: engine).instantiate(Component(engine: engine, bytes: Toolchain.wat(Self.spin)), in: store)
            .function(["spin"]))
        let ticker = Thread {
            while !Thread.current.isCancelled {
                engine.incrementEpoch()
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        ticker.start()
        defer { ticker.cancel() }
        XCTAssertThrowsError(try spin.call([])) { error in
            XCTAssertEqual((error as? WasmtimeError)?.kind, .interrupted, "\(error)")
        }
    }

    func testAnInstructionTrapIsATrapEvenWhileInstantiating() throws {
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.wat("""
            (component
              (core module $m (func $start unreachable) (start $start))
              (core instance $i (instantiate $m)))
            """))
        XCTAssertThrowsError(try Linker(engine: engine).instantiate(component, in: Store(engine: engine))) { error in
            XCTAssertEqual((error as? WasmtimeError)?.kind, .trap, "\(error)")
        }
    }

    func testAHostErrorThatMentionsFuelIsStillATrap() throws {
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.wat(HostFunctionTests.doubler))
        let linker = Linker(engine: engine)
        try linker.define(instance: nil) { root in
            try root.function("double") { _, _ in throw WasmtimeError(.trap, "all fuel consumed: an interrupt, says the host") }
        }
        let run = try XCTUnwrap(linker.instantiate(component, in: Store(engine: engine)).function(["run"]))
        XCTAssertThrowsError(try run.call([.u32(1)])) { error in
            XCTAssertEqual((error as? WasmtimeError)?.kind, .trap, "\(error)")
        }
    }
}
