import Foundation
import WasmPlugTestSupport
import XCTest

/// The network is off: a guest connecting to a TCP listener this test starts on 127.0.0.1 is
/// refused. `-S inherit-network` cannot turn it on through the Wasmtime 50 C API (its
/// wasi_config_inherit_network allows every address, but TCP and UDP stay denied and nothing
/// in the C API allows them; `wasmtime run` 49, which does not use the C API, connects), so it
/// is refused by name instead of being ignored. Name lookup the C API can grant:
/// `-S allow-ip-name-lookup`, off by default.
final class NetworkGrantTests: XCTestCase {
    /// A listener that answers one connection's first line with "pong", then exits.
    private func startListener() throws -> (BackgroundProcess, port: Int) {
        let port = freePort()
        let script = """
            import socket
            listener = socket.socket()
            listener.bind(("127.0.0.1", \(port)))
            listener.listen(1)
            print("listening", flush=True)
            connection, _ = listener.accept()
            connection.recv(64)
            connection.sendall(b"pong\\n")
            connection.close()
            """
        let listener = try BackgroundProcess("python3", ["-c", script])
        try listener.waitForOutput(containing: "listening")
        return (listener, port)
    }

    func testTheNetworkIsOffAndInheritNetworkIsRefusedByName() throws {
        let (listener, port) = try startListener()
        let refused = try CLI.run(["run", CLI.guest("net-probe.wasm"), "\(port)"])
        XCTAssertEqual(refused.status, 0, refused.stderr)
        XCTAssertEqual(refused.stdout, "refused: [Errno 2] Permission denied\n", refused.stderr)
        let lookupOnly = try CLI.run(["run", "-S", "allow-ip-name-lookup", CLI.guest("net-probe.wasm"), "\(port)"])
        XCTAssertEqual(lookupOnly.stdout, "refused: [Errno 2] Permission denied\n", lookupOnly.stderr)
        try CLI.run(["run", "-S", "inherit-network", CLI.guest("net-probe.wasm"), "\(port)"]).assertFails(containing:
            "-S inherit-network: Wasmtime has this option, but the Wasmtime 50.0.1 C API cannot grant it: its "
            + "wasi_config_inherit_network allows every address, but it has no call to allow TCP or UDP sockets themselves")
        try CLI.run(["run", "-S", "tcp", CLI.guest("net-probe.wasm"), "\(port)"])
            .assertFails(containing: "-S tcp: Wasmtime has this option, but the Wasmtime 50.0.1 C API cannot grant it")
        listener.kill()
    }

    func testNameLookupIsOffUnlessAllowed() throws {
        let off = try CLI.run(["run", CLI.guest("net-probe.wasm"), "resolve", "localhost"])
        XCTAssertEqual(off.status, 0, off.stderr)
        XCTAssertTrue(off.stdout.hasPrefix("unresolved: "), off.stdout + off.stderr)
        let allowed = try CLI.run(["run", "-S", "allow-ip-name-lookup", CLI.guest("net-probe.wasm"), "resolve", "localhost"])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertTrue(allowed.stdout.hasPrefix("resolved: ") && allowed.stdout.contains("127.0.0.1"), allowed.stdout + allowed.stderr)
        let no = try CLI.run(["run", "-S", "allow-ip-name-lookup=n", CLI.guest("net-probe.wasm"), "resolve", "localhost"])
        XCTAssertTrue(no.stdout.hasPrefix("unresolved: "), no.stdout + no.stderr)
        try CLI.run(["run", "-S", "allow-ip-name-lookup=sometimes", CLI.guest("net-probe.wasm")])
            .assertFails(containing: "-S allow-ip-name-lookup=sometimes: write y or n")
    }
}
