import Foundation
import WasmPlugTestSupport
import XCTest

/// A native plugin written in Swift with WasmPlugPluginSDK (Plugins/swift-bench), built by
/// SwiftPM as a dynamic library, serving bench.wasm's imports.
final class SwiftPluginTests: XCTestCase {
    static let library = CLI.executable.deletingLastPathComponent().appendingPathComponent("libSwiftBenchPlugin.so").path

    override func setUpWithError() throws {
        guard FileManager.default.fileExists(atPath: Self.library) else {
            XCTFail("missing \(Self.library): swift build --product SwiftBenchPlugin (scripts/test.sh does)")
            throw CocoaError(.fileNoSuchFile)
        }
    }

    func testASwiftPluginServesAGuest() throws {
        for (call, expected) in [("call-f(4)", "10"), ("call-add(10)", "45"), ("call-echo(3, 100)", "300"), ("call-sum(2, 5)", "20")] {
            let result = try CLI.run(["run", "-P", "plugin=\(Self.library)", "--invoke", call, CLI.guest("bench.wasm")])
            XCTAssertEqual(result.stdout, expected + "\n", "\(call): \(result.stderr)")
        }
    }

    func testASwiftPluginDescribesItself() throws {
        let result = try CLI.run(["plugin", "inspect", Self.library])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("plugin swift-bench 0.1.0\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  thread-safe: yes\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("    wasmplug:bench/host@0.1.0#sum\n"), result.stdout)
    }
}
