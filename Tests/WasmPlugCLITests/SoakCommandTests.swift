import Foundation
import WasmPlugTestSupport
import XCTest

/// `wasmplug-bench soak`, small: the full run (a million calls) is a command, not part of the suite.
final class SoakCommandTests: XCTestCase {
    func testASmallSoakChecksEveryAnswerAndLeavesNothingAlive() throws {
        let result = try CLI.run([
            "soak", "--stores", "12", "--calls", "50", "--threads", "3",
            "--guests", Toolchain.repository.appendingPathComponent("Tests/Guests/build").path,
            "--plugin", Toolchain.pluginPath("libecho.so"),
        ], executable: CLI.bench)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("600 calls across 12 stores on 3 threads, every answer checked"), result.stdout)
        XCTAssertTrue(result.stdout.contains("echo plugin: 0 plugin states and 0 counter resources still alive"), result.stdout)
    }
}
