import Foundation
import XCTest

/// Builds test components with real tools (wasm-tools), and finds the guests that
/// Tests/Guests/build.sh built. Shared by every test target.
public enum Toolchain {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A component or module from WAT text, through `wasm-tools parse`.
    public static func wat(_ text: String) throws -> [UInt8] {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.wat"), output = directory.appendingPathComponent("out.wasm")
        try Data(text.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["wasm-tools", "parse", input.path, "-o", output.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw NSError(domain: "wasm-tools", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: message])
        }
        return [UInt8](try Data(contentsOf: output))
    }

    /// The path of a guest built by Tests/Guests/build.sh; fails the test when it is missing.
    public static func guestPath(_ name: String) -> String {
        let path = repository.appendingPathComponent("Tests/Guests/build/\(name)").path
        if !FileManager.default.fileExists(atPath: path) {
            XCTFail("missing \(path): run Tests/Guests/build.sh (scripts/test.sh does)")
        }
        return path
    }

    /// The path of a plugin library built by Tests/Plugins/build.sh.
    public static func pluginPath(_ name: String) -> String {
        let path = repository.appendingPathComponent("Tests/Plugins/build/\(name)").path
        if !FileManager.default.fileExists(atPath: path) {
            XCTFail("missing \(path): run Tests/Plugins/build.sh (scripts/test.sh does)")
        }
        return path
    }

    /// A guest built by Tests/Guests/build.sh.
    public static func guest(_ name: String) throws -> [UInt8] {
        let url = repository.appendingPathComponent("Tests/Guests/build/\(name)")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            XCTFail("missing \(url.path): run Tests/Guests/build.sh (scripts/test.sh does)")
            throw CocoaError(.fileNoSuchFile)
        }
        return [UInt8](data)
    }
}

/// A new empty directory under the system's temporary directory.
public func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("wasmplug-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

extension XCTestCase {
    /// A fresh directory, removed when the test ends.
    public func temporaryDirectory() throws -> URL {
        let url = try makeTemporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
