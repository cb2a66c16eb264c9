import Foundation
import WasmPlugTestSupport
import XCTest

/// `wasmplug-bench`, one section at a time: each prints its figures beside its floor.
final class BenchCommandTests: XCTestCase {
    /// The output of `wasmplug-bench` running only `section` (the name its --skip- flag has).
    private func bench(running section: String, _ options: [String]) throws -> String {
        let skips = ["host-calls", "rpc", "isolated", "dl", "startup", "scaling"].filter { $0 != section }.map { "--skip-\($0)" }
        let result = try CLI.run([
            "--guests", Toolchain.repository.appendingPathComponent("Tests/Guests/build").path,
            "--plugin", Toolchain.pluginPath("libbench.so"),
        ] + skips + options, executable: CLI.bench)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }

    /// C functions through wasi:dl, the native plugin and typed imports: every loop's total is
    /// checked by the bench, so a loop that made other calls than it was asked for fails it.
    func testTheDLSectionPrintsEachWayBesideTheNativePlugin() throws {
        let output = try bench(running: "dl", ["--calls", "1000", "--dl-library", Toolchain.pluginPath("libdlbench.so")])
        for function in ["add(int, int)", "strlen, 1 KiB string"] {
            for way in ["libffi from Swift (floor)", "native plugin", "wasi:dl", "typed native import"] {
                XCTAssertTrue(output.contains("\(function), \(way)"), "\(function), \(way) in:\n\(output)")
            }
        }
        XCTAssertEqual(output.components(separatedBy: "typed native import / native plugin: ").count, 3, output)
    }

    /// The isolated plugin's call, beside the IPC floor measured (by a child echo process) before and after it.
    func testTheIsolatedSectionPrintsTheCallBesideTheIPCFloor() throws {
        let output = try bench(running: "isolated", ["--calls", "1000"])
        XCTAssertEqual(output.components(separatedBy: "(the IPC floor, ").count, 3, output)
        let line = try XCTUnwrap(output.split(separator: "\n").first { $0.contains("isolate=process") && $0.contains("x the IPC floor (mean)") },
                                 output)
        XCTAssertNotNil(line.split(separator: " ").first { $0.hasSuffix("x") && Double($0.dropLast()) != nil }, String(line))
    }
}
