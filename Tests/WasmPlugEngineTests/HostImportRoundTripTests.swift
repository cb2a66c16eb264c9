import WasmPlugEngine
import WasmPlugTestSupport
import XCTest

/// Every value kind goes guest → Swift host import → guest → Swift, through host-roundtrip.wasm
/// (componentize-py), whose `echo` exports call the host's `wasmplug:test/host` imports.
final class HostImportRoundTripTests: XCTestCase {

    final class Counter {
        var value: UInt32
        init(_ value: UInt32) { self.value = value }
    }

    /// Counts host calls and dropped counters, to assert on what the guest did.
    final class Tally {
        var calls = 0
        var drops = 0
    }

    func makeInstance(tally: Tally = Tally()) throws -> (Instance, Store) {
        let engine = Engine()
        let component = try Component(engine: engine, bytes: Toolchain.guest("host-roundtrip.wasm"))
        let linker = Linker(engine: engine)
        try linker.addWASI()
        let hostImport = try XCTUnwrap(component.type.imports.first { $0.name == EchoCases.hostInterface })
        let counterType = HostResourceType(name: "counter") { _ in tally.drops += 1 }
        try linker.define(instance: EchoCases.hostInterface) { host in
            try host.resource(counterType)
            for member in hostImport.item.instanceItems {
                guard case .function = member.item else { continue }
                switch member.name {
                case "[constructor]counter":
                    try host.function(member.name) { caller, args in
                        guard case .u32(let start) = args[0] else { throw WasmtimeError(.trap, "bad start") }
                        return try caller.makeResource(Counter(start), of: counterType)
                    }
                case "[method]counter.increment":
                    try host.function(member.name) { caller, args in
                        let counter = try caller.object(of: args[0], as: counterType) as! Counter
                        counter.value += 1
                        return .u32(counter.value)
                    }
                case "counter-total":
                    try host.function(member.name) { caller, args in
                        .u32((try caller.object(of: args[0], as: counterType) as! Counter).value)
                    }
                default:
                    // The echo functions: hand the argument back unchanged.
                    try host.function(member.name) { _, args in
                        tally.calls += 1
                        return args.first
                    }
                }
            }
        }
        let store = Store(engine: engine)
        return (try linker.instantiate(component, in: store), store)
    }

    func testEveryValueKindRoundTripsThroughASwiftHostImport() throws {
        let tally = Tally()
        let (instance, _) = try makeInstance(tally: tally)
        let cases = EchoCases.all
        for (name, value) in cases {
            let function = try XCTUnwrap(instance.function([EchoCases.echoInterface, name]), name)
            XCTAssertEqual(try function.call([value]), value, name)
        }
        XCTAssertEqual(tally.calls, cases.count, "each echo went through the Swift host")
    }

    func testAOneMebibyteListRoundTrips() throws {
        let (instance, _) = try makeInstance()
        let bytes = EchoCases.mebibyte
        let function = try XCTUnwrap(instance.function([EchoCases.echoInterface, "echo-bytes"]))
        XCTAssertEqual(try function.call([bytes]), bytes)
    }

    func testAHostResourceIsCreatedUsedBorrowedAndDestroyed() throws {
        let tally = Tally()
        let (instance, _) = try makeInstance(tally: tally)
        let use = try XCTUnwrap(instance.function(["wasmplug:test/resources@0.1.0", "use-counter"]))
        XCTAssertEqual(try use.call([.u32(5), .u32(3)]), .u32(8))
        XCTAssertEqual(tally.drops, 1, "the guest dropped its counter and the destructor ran")
        XCTAssertEqual(try use.call([.u32(0), .u32(1)]), .u32(1))
        XCTAssertEqual(tally.drops, 2)
    }
}
