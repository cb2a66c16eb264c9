import Foundation
import WasmPlugEngine
import WasmPlugRPC
import WasmPlugRPCServer
import WasmPlugWRPC

/// RPC plugin round trips over wrpc+tcp with mutual TLS beside the same calls in plaintext, in
/// one run: what TLS costs (a handshake per call, since each call is its own connection).
extension RPCBenchmark {
    /// Nanoseconds per `f(u32)` call and per 1 MiB `echo(string)`, plaintext and mutual TLS,
    /// both servers on 127.0.0.1 with their handlers on the pool.
    public func overTLS(calls: UInt32, payloadCalls: UInt32, rounds: Int = 5)
        throws -> (small: (plaintext: Double, tls: Double), large: (plaintext: Double, tls: Double))
    {
        let certificates = try BenchCertificates()
        let plain = WRPCServer(service: Self.service(.mayBlock), threads: 1)
        defer { try? plain.shutdown() }
        let secured = WRPCServer(service: Self.service(.mayBlock), threads: 1)
        defer { try? secured.shutdown() }
        let plainAddress = try plain.start(.tcp(host: "127.0.0.1", port: 0))
        let securedAddress = try secured.start(.tcp(host: "127.0.0.1", port: 0), tls: TLSSettings(
            caFile: certificates.path("ca.pem"), certificateFile: certificates.path("server.pem"), keyFile: certificates.path("server.key")))
        let client = TLSSettings(caFile: certificates.path("ca.pem"), certificateFile: certificates.path("client.pem"),
                                 keyFile: certificates.path("client.key"))
        let imports = [HostCallBenchmark.hostInterface]
        let plugins = (plaintext: RPCPlugin(target: plainAddress, imports: imports), tls: RPCPlugin(target: securedAddress, imports: imports, tls: client))
        let size: [Value] = [.u32(1 << 20)]
        return (
            try bestSideBySide(rounds: rounds, calls: calls,
                               try guestCaller(to: plugins.plaintext, export: "call-f", arguments: [], calls: calls),
                               try guestCaller(to: plugins.tls, export: "call-f", arguments: [], calls: calls)),
            try bestSideBySide(rounds: 3, calls: payloadCalls,
                               try guestCaller(to: plugins.plaintext, export: "call-echo", arguments: size, calls: payloadCalls),
                               try guestCaller(to: plugins.tls, export: "call-echo", arguments: size, calls: payloadCalls))
        )
    }
}

/// A CA, a server certificate for 127.0.0.1 and a client certificate (P-256), made with the
/// openssl command in a temporary folder removed with the value.
private final class BenchCertificates {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasmplug-bench-tls-\(getpid())")

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = """
            set -e
            key="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
            openssl req -x509 $key -keyout ca.key -out ca.pem -days 1 -subj /CN=bench-ca
            printf 'subjectAltName=IP:127.0.0.1\\n' > server.ext
            printf 'extendedKeyUsage=clientAuth\\n' > client.ext
            for name in server client; do
              openssl req $key -keyout $name.key -out $name.csr -subj /CN=$name
              openssl x509 -req -in $name.csr -CA ca.pem -CAkey ca.key -set_serial $RANDOM -days 1 -out $name.pem -extfile $name.ext
            done
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkError("openssl could not make the bench's certificates; is it installed?") }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}
