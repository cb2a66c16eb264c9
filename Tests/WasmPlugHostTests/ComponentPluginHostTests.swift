import WasmPlugCache
import WasmPlugComponentPlugins
import WasmPlugEngine
import WasmPlugHost
import WasmPlugProvider
import WasmPlugTestSupport
import XCTest

/// A plugin component called with wire values, as `wasmplug plugin serve plugin.wasm` does.
final class ComponentPluginHostTests: XCTestCase {
    func testEveryExportedFunctionIsServedWithItsValues() throws {
        let host = try ComponentPluginHost(path: Toolchain.guestPath("values.wasm"), cache: nil)
        XCTAssertTrue(host.functions.contains { $0.interface == EchoCases.echoInterface && $0.name == "echo-shape" })
        for (name, value) in EchoCases.all {
            XCTAssertEqual(try host.call(interface: EchoCases.echoInterface, function: name, arguments: [value]), [value], name)
        }
        XCTAssertEqual(try host.call(interface: EchoCases.echoInterface, function: "add", arguments: [.u32(2), .u32(3)]), [.u32(5)])
    }

    /// A trapped instance cannot be entered again: the trap fails its call, with its message,
    /// and the next call gets a fresh instance.
    func testATrapFailsItsCallAloneAndTheComponentStartsOver() throws {
        let host = try ComponentPluginHost(path: Toolchain.guestPath("values.wasm"), cache: nil)
        for _ in 0..<2 {
            XCTAssertThrowsError(try host.call(interface: EchoCases.echoInterface, function: "fail", arguments: [.string("boom")])) { error in
                XCTAssertEqual((error as? WasmtimeError)?.kind, .trap, "\(error)")
                XCTAssertTrue("\(error)".contains("unreachable"), "\(error)")
            }
            XCTAssertEqual(try host.call(interface: EchoCases.echoInterface, function: "add", arguments: [.u32(2), .u32(3)]), [.u32(5)])
        }
    }

    func testAComponentThatExportsNothingIsRefused() {
        XCTAssertThrowsError(try ComponentPluginHost(path: Toolchain.guestPath("answer.wasm"), cache: nil)) { error in
            XCTAssertTrue("\(error)".contains("exports no interface with functions"), "\(error)")
        }
    }
}
