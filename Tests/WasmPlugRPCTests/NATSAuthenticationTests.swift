import Foundation
import WasmPlugEngine
import WasmPlugNATS
import WasmPlugRPC
import WasmPlugRPCServer
import WasmPlugTestSupport
import WasmPlugWRPC
import XCTest

/// wRPC over a real nats-server that requires each authentication method: the server SDK and
/// the client both authenticate, and wrong secrets are refused with one line naming the server.
final class NATSAuthenticationTests: XCTestCase {
    func testEveryMethodAuthenticatesTheServerAndTheClient() throws {
        for method in AuthenticatedNATS.Method.allCases {
            let nats = try AuthenticatedNATS.start(method)
            let address = WRPCAddress.nats(host: "127.0.0.1", port: UInt16(nats.port), prefix: "auth")
            let authentication = AuthenticatedNATS.authentication(nats.options)
            let server = try EchoServer(address, natsAuthentication: authentication)
            let plugin = RPCPlugin(target: address, imports: ["wasmplug:test/host"], natsAuthentication: authentication)
            let instance = try RoundTrip.instance(plugin)
            XCTAssertEqual(try RoundTrip.echo(instance, "echo-string").call([.string(method.rawValue)]), .string(method.rawValue), "\(method)")
            try server.stop()
            withExtendedLifetime(nats) {}
        }
    }

    func testWrongSecretsAreRefusedNamingTheServerNotTheSecret() throws {
        for method in AuthenticatedNATS.Method.allCases {
            let nats = try AuthenticatedNATS.start(method)
            let address = WRPCAddress.nats(host: "127.0.0.1", port: UInt16(nats.port), prefix: "auth")
            let wrong = AuthenticatedNATS.authentication(nats.wrongOptions)
            XCTAssertThrowsError(try EchoServer(address, natsAuthentication: wrong), "\(method)") { error in
                XCTAssertTrue("\(error)".contains("NATS server 127.0.0.1:\(nats.port) refused the credentials"), "\(method): \(error)")
            }
            let plugin = RPCPlugin(target: address, imports: ["wasmplug:test/host"], natsAuthentication: wrong)
            let instance = try RoundTrip.instance(plugin)
            XCTAssertThrowsError(try RoundTrip.echo(instance, "echo-u8").call([.u8(1)]), "\(method)") { error in
                XCTAssertTrue("\(error)".contains("NATS server 127.0.0.1:\(nats.port) refused the credentials"), "\(method): \(error)")
                for (_, value) in nats.wrongOptions where !value.hasPrefix("/") && value != "wasmplug" {
                    XCTAssertFalse("\(error)".contains(value), "no secret in errors")
                }
            }
            withExtendedLifetime(nats) {}
        }
    }

    func testNoCredentialsForAServerThatRequiresThemSaysWhatToGive() throws {
        let nats = try AuthenticatedNATS.start(.token)
        let address = WRPCAddress.nats(host: "127.0.0.1", port: UInt16(nats.port), prefix: nil)
        let instance = try RoundTrip.instance(RPCPlugin(target: address, imports: ["wasmplug:test/host"]))
        XCTAssertThrowsError(try RoundTrip.echo(instance, "echo-u8").call([.u8(1)])) { error in
            XCTAssertTrue("\(error)".contains("it requires authentication: give nats-user with nats-password-file"), "\(error)")
        }
        withExtendedLifetime(nats) {}
    }

    func testAnExpiredUserJWTIsRefused() throws {
        let accounts = NATSOperatorAccounts()
        let (nats, port) = try startNATSServer(configuration: accounts.serverConfiguration)
        let creds = try makeTemporaryDirectory().appendingPathComponent("expired.creds")
        try accounts.credentials(signedBy: accounts.account, expires: Date().addingTimeInterval(-3600)).write(to: creds, atomically: true, encoding: .utf8)
        var authentication = NATSAuthentication()
        authentication.set("nats-creds", creds.path)
        XCTAssertThrowsError(try EchoServer(.nats(host: "127.0.0.1", port: UInt16(port), prefix: nil), natsAuthentication: authentication)) { error in
            XCTAssertTrue("\(error)".contains("NATS server 127.0.0.1:\(port) refused the credentials"), "\(error)")
        }
        withExtendedLifetime(nats) {}
    }

    func testSecretsAreReadFromTheEnvironmentAndMissingOnesAreNamed() throws {
        setenv("WASMPLUG_TEST_NATS_TOKEN", "  tok-en\n", 1)
        XCTAssertEqual(try SecretSource.environment("WASMPLUG_TEST_NATS_TOKEN").read("the NATS token"), "tok-en")
        XCTAssertThrowsError(try SecretSource.environment("WASMPLUG_TEST_UNSET").read("the NATS token")) { error in
            XCTAssertEqual("\(error)", "cannot read the NATS token from the environment variable WASMPLUG_TEST_UNSET: it is not set")
        }
        XCTAssertThrowsError(try SecretSource.file("/nonexistent/token").read("the NATS token")) { error in
            XCTAssertEqual("\(error)", "cannot read the NATS token from the file /nonexistent/token: no such readable file")
        }
    }

    func testNKeySeedsRoundTripAndCorruptOnesAreRefused() throws {
        let key = NKey(kind: .user)
        XCTAssertTrue(key.seed.hasPrefix("SU"), key.publicKey)
        XCTAssertTrue(key.publicKey.hasPrefix("U"))
        XCTAssertEqual(key.seed.count, 58)
        XCTAssertEqual(try NKey(seed: key.seed).publicKey, key.publicKey)
        XCTAssertEqual(try NKey(seed: NKey(kind: .account).seed).kind, .account)
        var corrupt = Array(key.seed)
        corrupt[10] = corrupt[10] == "A" ? "B" : "A"
        XCTAssertThrowsError(try NKey(seed: String(corrupt))) { error in
            XCTAssertFalse("\(error)".contains(key.seed.dropFirst(2).prefix(20)), "the error does not echo the seed")
        }
        XCTAssertThrowsError(try NKey(seed: key.publicKey + "AA"))
    }
}
