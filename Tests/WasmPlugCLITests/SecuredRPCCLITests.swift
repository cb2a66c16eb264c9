import Foundation
import WasmPlugTestSupport
import XCTest

/// The key-value guest through the Redis plugin over a real nats-server that requires each
/// authentication method; wrong credentials refused by both sides, with one line each.
final class SecuredRPCCLITests: XCTestCase {
    func testTheGuestGetsItsTranscriptOverNATSWithEveryAuthenticationMethod() throws {
        let (redis, redisPort) = try startRedisServer()
        let database = try temporaryDirectory().appendingPathComponent("kv.db").path
        for method in AuthenticatedNATS.Method.allCases {
            let nats = try AuthenticatedNATS.start(method)
            let plugin = try BackgroundProcess(RPCPluginCLITests.redisPlugin, [
                "--protocol", "wrpc+nats", "--target", "127.0.0.1:\(nats.port)", "--prefix", method.rawValue, "--redis", "127.0.0.1:\(redisPort)",
            ] + AuthenticatedNATS.arguments(nats.options))
            try plugin.waitForOutput(containing: "serving ")
            let result = try CLI.run([
                "run", "-P", "protocol=wrpc+nats,target=127.0.0.1:\(nats.port),prefix=\(method.rawValue),import=wasi:keyvalue/store",
                "-P", AuthenticatedNATS.item(nats.options), CLI.guest("kv-client.wasm"),
            ])
            XCTAssertEqual(result.status, 0, "\(method): \(result.stderr)")
            XCTAssertTrue(result.stdout.hasPrefix("runs: "), "\(method): \(result.stdout)")

            // Wrong credentials: the guest traps with one line naming the server; the plugin
            // server refuses to start the same way.
            try CLI.run([
                "run", "-P", "protocol=wrpc+nats,target=127.0.0.1:\(nats.port),prefix=\(method.rawValue),import=wasi:keyvalue/store",
                "-P", AuthenticatedNATS.item(nats.wrongOptions), CLI.guest("kv-client.wasm"),
            ]).assertFails(containing: "NATS server 127.0.0.1:\(nats.port) refused the credentials", status: 134)
            let refused = try CLI.run(["plugin", "serve", "--protocol", "wrpc+nats", "--target", "127.0.0.1:\(nats.port)"]
                + AuthenticatedNATS.arguments(nats.wrongOptions) + ["\(KeyValuePluginTests.plugin),path=\(database)"])
            refused.assertFails(containing: "NATS server 127.0.0.1:\(nats.port) refused the credentials")
            plugin.kill()
            withExtendedLifetime(nats) {}
        }
        withExtendedLifetime(redis) {}
    }

    func testTheGuestGetsItsTranscriptOverMutualTLSAndOverTLSNATS() throws {
        let (redis, redisPort) = try startRedisServer()
        let certificates = try TestCertificates()
        let serverTLS = ["--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey]
        let clientTLS = "tls-ca=\(certificates.ca),tls-cert=\(certificates.clientCertificate),tls-key=\(certificates.clientKey)"

        // wrpc+tcp, the plugin requiring client certificates from the CA.
        let plugin = try BackgroundProcess(RPCPluginCLITests.redisPlugin, [
            "--target", "127.0.0.1:0", "--redis", "127.0.0.1:\(redisPort)", "--tls-ca", certificates.ca,
        ] + serverTLS)
        let options = try RPCPluginCLITests.target(of: plugin)
        let mutual = try CLI.run(["run"] + options + ["-P", clientTLS, CLI.guest("kv-client.wasm")])
        XCTAssertEqual(mutual.stdout, KeyValuePluginTests.transcript, mutual.stderr)
        try CLI.run(["run"] + options + ["-P", "tls-ca=\(certificates.ca),timeout=10s", CLI.guest("kv-client.wasm")])
            .assertFails(containing: "wrpc+tcp 127.0.0.1:", status: 134)

        // wrpc+nats, the NATS server requiring TLS and an NKey; both sides verify its certificate.
        let nats = try AuthenticatedNATS.start(.nkey, tls: certificates)
        let natsPlugin = try BackgroundProcess(RPCPluginCLITests.redisPlugin, [
            "--protocol", "wrpc+nats", "--target", "127.0.0.1:\(nats.port)", "--redis", "127.0.0.1:\(redisPort)", "--tls-ca", certificates.ca,
        ] + AuthenticatedNATS.arguments(nats.options))
        try natsPlugin.waitForOutput(containing: "serving ")
        let overNATS = try CLI.run([
            "run", "-P", "protocol=wrpc+nats,target=127.0.0.1:\(nats.port),import=wasi:keyvalue/store,tls-ca=\(certificates.ca)",
            "-P", AuthenticatedNATS.item(nats.options), CLI.guest("kv-client.wasm"),
        ])
        XCTAssertEqual(overNATS.stdout, KeyValuePluginTests.transcript.replacingOccurrences(of: "runs: 1", with: "runs: 2"), overNATS.stderr)
        withExtendedLifetime((redis, nats)) {}
    }

    func testPlaintextTCPBeyondLoopbackNeedsAnOptOutAndIsWarnedAbout() throws {
        let guest = CLI.guest("kv-client.wasm")
        try CLI.run(["run", "-P", "target=192.0.2.1:7761,import=wasi:keyvalue", guest])
            .assertFails(containing: "-P target=192.0.2.1:7761: plaintext wrpc+tcp to another machine is unauthenticated")
        let optedOut = try CLI.run(["run", "-P", "target=192.0.2.1:7761,import=wasi:keyvalue,allow-plaintext=yes,timeout=500ms", guest])
        XCTAssertTrue(optedOut.stderr.contains("warning: calls to wrpc+tcp 192.0.2.1:7761 are plaintext and unauthenticated"), optedOut.stderr)
        let database = try temporaryDirectory().appendingPathComponent("kv.db").path
        try CLI.run(["plugin", "serve", "--target", "0.0.0.0:0", "\(KeyValuePluginTests.plugin),path=\(database)"])
            .assertFails(containing: "--target 0.0.0.0:0: plaintext wrpc+tcp on an address other than loopback")
        let server = try BackgroundProcess(CLI.executable.path, [
            "plugin", "serve", "--target", "0.0.0.0:0", "--allow-plaintext", "\(KeyValuePluginTests.plugin),path=\(database)",
        ])
        try server.waitForOutput(containing: "serving ")
        XCTAssertTrue(server.output.contains("warning: serving wrpc+tcp 0.0.0.0:0 in plaintext"), server.output)
    }

    func testNATSOptionsAreCheckedBeforeAnythingRuns() throws {
        let guest = CLI.guest("kv-client.wasm")
        try CLI.run(["run", "-P", "protocol=wrpc+tcp,nats-token-file=/tmp/t,import=wasi:keyvalue", guest])
            .assertFails(containing: "-P protocol=wrpc+tcp: the nats-* options are for -P protocol=wrpc+nats")
        try CLI.run(["run", "-P", "protocol=wrpc+nats,nats-user=me,import=wasi:keyvalue", guest])
            .assertFails(containing: "-P nats-user and -P nats-password-file (or -P nats-password-env) go together")
        try CLI.run(["run", "-P", "protocol=wrpc+nats,nats-token-env=T,nats-creds=/tmp/c,import=wasi:keyvalue", guest])
            .assertFails(containing: "give one NATS authentication method")
        try CLI.run(["plugin", "serve", "--nats-token-file", "/tmp/t", KeyValuePluginTests.plugin])
            .assertFails(containing: "--protocol wrpc+tcp: the --nats-* options are for --protocol wrpc+nats")
        let help = try CLI.run(["run", "-P", "help"])
        for option in ["-P nats-user=NAME", "-P nats-token-file=FILE", "-P nats-nkey-seed-file=FILE", "-P nats-creds=FILE",
                       "-P tls-ca=FILE", "-P tls-cert=FILE,tls-key=FILE", "-P allow-plaintext=yes"] {
            XCTAssertTrue(help.stdout.contains(option), "missing \(option) in:\n\(help.stdout)")
        }
    }
}
