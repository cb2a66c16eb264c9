import Foundation
import WasmPlugCache
import WasmPlugEngine
import WasmPlugHost
import WasmPlugProvider
import WasmPlugTestSupport
import XCTest

final class ComponentCacheTests: XCTestCase {
    static let answer = """
        (component
          (core module $m (func (export "answer") (result i32) i32.const 42))
          (core instance $i (instantiate $m))
          (func (export "answer") (result u32) (canon lift (core func $i "answer"))))
        """

    func call(_ component: Component) throws -> Value? {
        let store = Store(engine: component.engine)
        return try Linker(engine: component.engine).instantiate(component, in: store).function(["answer"])!.call()
    }

    func testCompilesThenHitsThenRebuildsACorruptEntry() throws {
        let cache = ComponentCache(directory: try temporaryDirectory())
        let bytes = try Toolchain.wat(Self.answer)
        let engine = Engine()

        let (first, firstOutcome) = try cache.component(for: bytes, engine: engine)
        XCTAssertEqual(firstOutcome, .compiled)
        XCTAssertEqual(try call(first), .u32(42))

        let (second, secondOutcome) = try cache.component(for: bytes, engine: engine)
        XCTAssertEqual(secondOutcome, .hit)
        XCTAssertEqual(try call(second), .u32(42))

        let entry = cache.entryURL(for: bytes, engine: engine)
        var data = try Data(contentsOf: entry)
        data[data.count - 10] ^= 0x5A
        try data.write(to: entry)
        let (third, thirdOutcome) = try cache.component(for: bytes, engine: engine)
        XCTAssertEqual(thirdOutcome, .rebuiltCorruptEntry)
        XCTAssertEqual(try call(third), .u32(42))
        XCTAssertEqual(try cache.component(for: bytes, engine: engine).1, .hit)
    }

    /// An entry is trusted only with its seal, and only at the length the seal records.
    func testAnEntryWithoutItsSealOrCutShortIsRebuilt() throws {
        let cache = ComponentCache(directory: try temporaryDirectory())
        let bytes = try Toolchain.wat(Self.answer)
        let engine = Engine()
        _ = try cache.component(for: bytes, engine: engine)
        let entry = cache.entryURL(for: bytes, engine: engine)
        let seal = entry.appendingPathExtension("seal")
        XCTAssertTrue(FileManager.default.fileExists(atPath: seal.path))

        try FileManager.default.removeItem(at: seal)
        XCTAssertEqual(try cache.component(for: bytes, engine: engine).1, .rebuiltCorruptEntry)
        XCTAssertEqual(try cache.component(for: bytes, engine: engine).1, .hit)

        let whole = try Data(contentsOf: entry)
        try whole.prefix(whole.count / 2).write(to: entry)
        let (rebuilt, outcome) = try cache.component(for: bytes, engine: engine)
        XCTAssertEqual(outcome, .rebuiltCorruptEntry)
        XCTAssertEqual(try call(rebuilt), .u32(42))
        XCTAssertEqual(try Data(contentsOf: entry), whole)
    }

    func testTheKeyDependsOnContentAndEngineSettings() throws {
        let cache = ComponentCache(directory: try temporaryDirectory())
        let bytes = try Toolchain.wat(Self.answer)
        let plain = cache.entryURL(for: bytes, engine: Engine())
        XCTAssertEqual(plain, cache.entryURL(for: bytes, engine: Engine()))
        XCTAssertNotEqual(plain, cache.entryURL(for: bytes, engine: Engine(.init(consumeFuel: true))))
        XCTAssertNotEqual(plain, cache.entryURL(for: bytes + [0], engine: Engine()))
        // A component compiled with fuel is not served to an engine without it.
        _ = try cache.component(for: bytes, engine: Engine(.init(consumeFuel: true)))
        XCTAssertEqual(try cache.component(for: bytes, engine: Engine()).1, .compiled)
    }

    func testAnUnwritableCacheStillRuns() throws {
        let file = try temporaryDirectory().appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: file)
        let cache = ComponentCache(directory: file)
        let (component, outcome) = try cache.component(for: Toolchain.wat(Self.answer), engine: Engine())
        XCTAssertEqual(outcome, .compiled)
        XCTAssertEqual(try call(component), .u32(42))
    }
}
