import Foundation
import WasmPlugEngine
import WasmPlugIsolation
import WasmPlugTestSupport
import XCTest

/// `-P plugin=...,isolate=sandbox`: the hostile test plugin (libhostile.so, Tests/Plugins/c/escapes.c)
/// tries one escape per call. Sandboxed, each attempt fails inside the plugin (the guest traps
/// with the plugin's error) or kills only the child; under `isolate=process` each succeeds, so
/// every assertion here can fail.
final class SandboxTests: XCTestCase {
    static let hostile = Toolchain.pluginPath("libhostile.so")
    static let guest = CLI.guest("host-roundtrip.wasm")

    /// Runs `escape COMMAND` in the hostile plugin, isolated as `isolation` says.
    func attempt(_ command: String, _ isolation: String) throws -> CLIResult {
        try CLI.run(["run", "-P", "plugin=\(Self.hostile),\(isolation)", "--invoke", "echo-string(\"escape \(command)\")", Self.guest])
    }

    /// Asserts the attempt succeeded, answering `answer`.
    func assertEscapes(_ command: String, _ isolation: String = "isolate=process", answer: String,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try attempt(command, isolation)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "\"\(answer)\"\n", result.stderr, file: file, line: line)
    }

    /// Asserts the sandboxed attempt failed in the plugin with `error` (the child logs it), which
    /// traps the guest with a line naming the plugin and its process.
    func assertRefused(_ command: String, _ isolation: String = "isolate=sandbox", error: String,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try attempt(command, isolation)
        XCTAssertEqual(result.status, 134, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        XCTAssertTrue(result.stderr.contains("error: calling the function: plugin libhostile.so (isolated, process "), result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(error), "expected \(error) in: \(result.stderr)", file: file, line: line)
    }

    func testReadingOutsideTheAllowedPathsIsRefused() throws {
        let directory = try temporaryDirectory()
        let secret = directory.appendingPathComponent("secret").path
        try "secret\n".write(toFile: secret, atomically: true, encoding: .utf8)
        try assertEscapes("read \(secret)", answer: "read 7 bytes of \(secret)")
        try assertRefused("read \(secret)", error: "\(secret): Permission denied")
        try assertRefused("read /etc/passwd", error: "/etc/passwd: Permission denied")
        try assertEscapes("read \(secret)", "isolate=sandbox,allow-read=\(directory.path)", answer: "read 7 bytes of \(secret)")
    }

    func testWritingOutsideTheAllowedPathsIsRefused() throws {
        let directory = try temporaryDirectory()
        let target = directory.appendingPathComponent("written").path
        try assertRefused("write \(target)", error: "\(target): Permission denied")
        try assertRefused("write \(target)", "isolate=sandbox,allow-read=\(directory.path)", error: "\(target): Permission denied")
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
        try assertEscapes("write \(target)", answer: "wrote \(target)")
        try FileManager.default.removeItem(atPath: target)
        try assertEscapes("write \(target)", "isolate=sandbox,allow-write=\(directory.path)", answer: "wrote \(target)")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "escaped\n")
    }

    func testConnectingToTheNetworkIsRefusedUnlessGranted() throws {
        let listener = try LoopbackListener()
        try assertEscapes("connect \(listener.port)", answer: "connected to 127.0.0.1:\(listener.port)")
        try assertRefused("connect \(listener.port)", error: "connect to 127.0.0.1: Network is unreachable")
        try assertEscapes("connect \(listener.port)", "isolate=sandbox,net=host", answer: "connected to 127.0.0.1:\(listener.port)")
        // connect=PORT: the host's network, TCP to the named ports only.
        let other = try LoopbackListener()
        try assertEscapes("connect \(listener.port)", "isolate=sandbox,connect=\(listener.port)", answer: "connected to 127.0.0.1:\(listener.port)")
        try assertRefused("connect \(other.port)", "isolate=sandbox,connect=\(listener.port)", error: "connect to 127.0.0.1: Permission denied")
    }

    func testStartingAProgramIsRefused() throws {
        try assertEscapes("exec", answer: "ran /bin/sh, which exited with 7")
        try assertRefused("exec", error: "execve /bin/sh: Operation not permitted")
    }

    func testForkingPastTheProcessLimitIsRefused() throws {
        try assertEscapes("fork 100", answer: "forked 100 processes")
        try assertRefused("fork 100", error: "Resource temporarily unavailable")
        try assertEscapes("fork 10", "isolate=sandbox", answer: "forked 10 processes")
    }

    func testAllocatingPastTheMemoryLimitIsRefused() throws {
        try assertEscapes("alloc 512", answer: "allocated 512 MiB")
        try assertRefused("alloc 512", "isolate=sandbox,memory=256MiB", error: "malloc: Cannot allocate memory")
        try assertEscapes("alloc 64", "isolate=sandbox,memory=256MiB", answer: "allocated 64 MiB")
    }

    func testSpinningPastTheCPULimitKillsOnlyTheChild() throws {
        try assertEscapes("spin 2", answer: "spun for 2 s of CPU time")
        let spun = try attempt("spin 5", "isolate=sandbox,cpu=1s")
        XCTAssertEqual(spun.status, 134, spun.stderr)
        XCTAssertTrue(spun.stderr.contains("plugin libhostile.so (isolated, process "), spun.stderr)
        XCTAssertTrue(spun.stderr.contains("used its CPU time limit (cpu=1s)"), spun.stderr)
    }

    /// The SQLite key-value plugin, sandboxed with its database's directory writable, gives the
    /// key-value guest's transcript.
    func testTheSQLitePluginRunsSandboxedWithItsDatabaseAllowed() throws {
        let directory = try temporaryDirectory()
        let result = try CLI.run(["run", "-P", "plugin=\(KeyValuePluginTests.plugin),path=\(directory.path)/kv.db,isolate=sandbox,allow-write=\(directory.path)",
                                  CLI.guest("kv-client.wasm")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, KeyValuePluginTests.transcript)
        try CLI.run(["run", "-P", "plugin=\(KeyValuePluginTests.plugin),path=\(directory.path)/other.db,isolate=sandbox", CLI.guest("kv-client.wasm")])
            .assertFails(containing: "plugin libkeyvalue_sqlite.so (isolated) exited before serving")
    }

    /// A kernel without a feature the sandbox uses refuses the run, naming the feature and the
    /// option; `without=` accepts it. (Tests/Plugins/c/without_feature.c takes the feature away.)
    func testAMissingKernelFeatureRefusesTheRunUnlessAccepted() throws {
        let without = Toolchain.pluginPath("without-feature")
        for (feature, name) in [("landlock", "Landlock"), ("user-namespace", "namespaces (unshare)"), ("seccomp", "seccomp filters")] {
            let arguments = [feature, CLI.executable.path, "run", "-P", "plugin=\(Self.hostile),isolate=sandbox", "--invoke", "echo-string(\"escape exec\")", Self.guest]
            let refused = try CLI.run(arguments, executable: URL(fileURLWithPath: without))
            refused.assertFails(containing: "this kernel does not give \(name)")
            XCTAssertTrue(refused.stderr.contains("add without=\(feature) to run without it"), refused.stderr)
            let accepted = try CLI.run([feature, CLI.executable.path, "run", "-P", "plugin=\(Self.hostile),isolate=sandbox,without=\(feature)",
                                        "--invoke", "echo-string(\"escape fork 2\")", Self.guest], executable: URL(fileURLWithPath: without))
            XCTAssertEqual(accepted.stdout, "\"forked 2 processes\"\n", accepted.stderr)
        }
    }

    func testPluginHelpListsTheSandboxOptions() throws {
        let help = try CLI.run(["run", "-P", "help"])
        XCTAssertEqual(help.status, 0, help.stderr)
        for key in ["isolate=sandbox[,allow-read=PATH][,allow-write=PATH][,net=none|host]", "[,connect=PORT]", "memory=1GiB", "cpu=600s",
                    "files=256", "processes=64", "without=landlock, seccomp or user-namespace"] {
            XCTAssertTrue(help.stdout.contains(key), "-P help lacks \(key): \(help.stdout)")
        }
    }

    func testBadSandboxOptionsAreRefused() throws {
        for (option, message) in [
            ("net=wifi", "net=wifi is not a network; write net=none (the default) or net=host"),
            ("connect=http", "connect=http is not a TCP port; write e.g. connect=443"),
            ("memory=lots", "memory=lots is not a limit; write e.g. memory=512MiB, or memory=unlimited"),
            ("processes=0", "processes=0 is not a limit"),
            ("without=magic", "without=magic: 'magic' is not a sandbox feature; the features are landlock, seccomp, user-namespace"),
            ("allow-read=", "allow-read= needs a path"),
        ] {
            try attempt("exec", "isolate=sandbox,\(option)").assertFails(containing: message)
        }
        try attempt("exec", "isolate=sandbox,allow-read=/nonexistent/dir")
            .assertFails(containing: "isolate=sandbox: allow-read=/nonexistent/dir: No such file or directory; name a path that exists")
        try CLI.run(["plugin", "serve", "--protocol", "wrpc+tcp", "--target", "127.0.0.1:0", "\(Self.hostile),isolate=sandbox"])
            .assertFails(containing: "isolate=sandbox: serving on wrpc+tcp needs the host's network; add net=host, or serve on wrpc+unix")
    }
}

/// The host carries on after a sandboxed child is killed: the next store gets a new child.
final class SandboxRestartTests: XCTestCase {
    func testAChildKilledByItsCPULimitIsRestartedForTheNextStore() throws {
        let specification = try XCTUnwrap(IsolatedPluginSpecification(parsing: "plugin=\(SandboxTests.hostile),isolate=sandbox,cpu=1s"))
        let plugin = try IsolatedPlugin(specification.plugin, isolation: specification.isolation, executable: CLI.executable.path)
        func echo() throws -> Func {
            try IsolatedPluginRestartTests.echoString(in: Store(engine: IsolatedPluginRestartTests.engine), served: plugin)
        }
        XCTAssertEqual(try echo().call([.string("escape fork 2")]), .string("forked 2 processes"))
        XCTAssertThrowsError(try echo().call([.string("escape spin 5")])) { error in
            XCTAssertTrue("\(error)".contains("plugin libhostile.so (isolated, process "), "\(error)")
        }
        XCTAssertEqual(try echo().call([.string("back")]), .string("back"), "a new child serves the next store")
    }
}

/// A TCP listener on 127.0.0.1 (an ephemeral port) that the kernel completes connections to.
final class LoopbackListener {
    let socket: Int32
    let port: UInt16

    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && listen(socket, 16) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard socket >= 0, bound else { throw POSIXError(.EADDRNOTAVAIL) }
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(socket) }
}
