import Foundation
import WasmPlugEngine
import WasmPlugRPC
import WasmPlugRPCServer
import WasmPlugTestSupport
import WasmPlugWRPC
import XCTest

/// wRPC over TCP with mutual TLS, and over a real nats-server that requires TLS, with
/// certificates the test makes with openssl; every wrong certificate refused with one line.
final class TLSTransportTests: XCTestCase {
    private func call(_ plugin: RPCPlugin) throws -> Value? {
        try RoundTrip.echo(try RoundTrip.instance(plugin), "echo-string").call([.string("secured")])
    }

    private func assertRefused(_ plugin: RPCPlugin, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertThrowsError(try call(plugin), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(fragment), "\(error)", file: file, line: line)
        }
    }

    func testMutualTLSOverTCPServesOnlyClientsWithACertificateFromItsCA() throws {
        let certificates = try TestCertificates(), other = try TestCertificates()
        let server = try EchoServer(.tcp(host: "127.0.0.1", port: 0), tls: TLSSettings(
            caFile: certificates.ca, certificateFile: certificates.serverCertificate, keyFile: certificates.serverKey))
        let imports = ["wasmplug:test/host"]
        let client = TLSSettings(caFile: certificates.ca, certificateFile: certificates.clientCertificate, keyFile: certificates.clientKey)
        XCTAssertEqual(try call(RPCPlugin(target: server.address, imports: imports, tls: client)), .string("secured"))
        XCTAssertEqual(server.calls.total, 1)

        // No client certificate, or one from another CA: refused before any byte of the call.
        try assertRefused(RPCPlugin(target: server.address, imports: imports, timeout: .seconds(10), tls: TLSSettings(caFile: certificates.ca)),
                          "wrpc+tcp 127.0.0.1:")
        try assertRefused(RPCPlugin(target: server.address, imports: imports, timeout: .seconds(10), tls: TLSSettings(
            caFile: certificates.ca, certificateFile: other.clientCertificate, keyFile: other.clientKey)), "wrpc+tcp 127.0.0.1:")
        // A server whose certificate another CA signed, or for another name: the client refuses it.
        try assertRefused(RPCPlugin(target: server.address, imports: imports, tls: TLSSettings(
            caFile: other.ca, certificateFile: certificates.clientCertificate, keyFile: certificates.clientKey)),
                          "the peer's certificate is not signed by a trusted CA")
        // Plaintext to a TLS server fails, it does not hang.
        try assertRefused(RPCPlugin(target: server.address, imports: imports, timeout: .seconds(10)), "wrpc+tcp 127.0.0.1:")
        XCTAssertEqual(server.calls.total, 1, "no refused client reached the handler")
        try server.stop()
    }

    func testTheServersCertificateMustCarryTheNameOrTheAddress() throws {
        let named = try TestCertificates(serverNames: "DNS:plugin.example")
        let server = try EchoServer(.tcp(host: "127.0.0.1", port: 0), tls: TLSSettings(
            certificateFile: named.serverCertificate, keyFile: named.serverKey))
        let imports = ["wasmplug:test/host"]
        // Connected to 127.0.0.1, which the certificate does not name: refused.
        try assertRefused(RPCPlugin(target: server.address, imports: imports, tls: TLSSettings(caFile: named.ca)),
                          "is not for the name connected to")
        try assertRefused(RPCPlugin(target: server.address, imports: imports, tls: TLSSettings(caFile: named.ca, serverName: "other.example")),
                          "is not for the name connected to")
        XCTAssertEqual(try call(RPCPlugin(target: server.address, imports: imports,
                                          tls: TLSSettings(caFile: named.ca, serverName: "plugin.example"))), .string("secured"))
        try server.stop()
    }

    func testRPCOverANATSServerThatRequiresTLSAndAToken() throws {
        try checkTLSNATS(verifiesClients: false)
    }

    func testRPCOverANATSServerThatRequiresClientCertificatesAndAToken() throws {
        try checkTLSNATS(verifiesClients: true)
    }

    private func checkTLSNATS(verifiesClients: Bool) throws {
        let certificates = try TestCertificates(), other = try TestCertificates()
        let token = "tls-token-\(UInt32.random(in: 0...UInt32.max))"
        let tokenFile = certificates.directory.appendingPathComponent("token")
        try token.write(to: tokenFile, atomically: true, encoding: .utf8)
        let (nats, port) = try startNATSServer(configuration: """
            tls { cert_file: "\(certificates.serverCertificate)", key_file: "\(certificates.serverKey)", ca_file: "\(certificates.ca)", verify: \(verifiesClients) }
            authorization { token: "\(token)" }
            """)
        var authentication = NATSAuthentication()
        authentication.set("nats-token-file", tokenFile.path)
        let address = WRPCAddress.nats(host: "127.0.0.1", port: UInt16(port), prefix: "tls")
        let tls = verifiesClients
            ? TLSSettings(caFile: certificates.ca, certificateFile: certificates.clientCertificate, keyFile: certificates.clientKey)
            : TLSSettings(caFile: certificates.ca)
        let server = try EchoServer(address, natsAuthentication: authentication, tls: tls)
        let imports = ["wasmplug:test/host"]
        XCTAssertEqual(try call(RPCPlugin(target: address, imports: imports, natsAuthentication: authentication, tls: tls)), .string("secured"))

        // Another CA, or no TLS options (the system's CAs do not know the test CA).
        try assertRefused(RPCPlugin(target: address, imports: imports, natsAuthentication: authentication, tls: TLSSettings(caFile: other.ca)),
                          "the peer's certificate is not signed by a trusted CA")
        try assertRefused(RPCPlugin(target: address, imports: imports, natsAuthentication: authentication),
                          "the peer's certificate is not signed by a trusted CA")
        if verifiesClients {
            // The NATS server refuses a client without a certificate from its CA.
            try assertRefused(RPCPlugin(target: address, imports: imports, natsAuthentication: authentication,
                                        tls: TLSSettings(caFile: certificates.ca)), "127.0.0.1:\(port)")
        }
        XCTAssertThrowsError(try EchoServer(address, natsAuthentication: authentication, tls: TLSSettings(caFile: other.ca))) { error in
            XCTAssertTrue("\(error)".contains("NATS server 127.0.0.1:\(port): the peer's certificate is not signed by a trusted CA"), "\(error)")
        }
        try server.stop()
        withExtendedLifetime(nats) {}
    }

    func testTLSToANATSServerWithoutTLSIsRefusedClearly() throws {
        let certificates = try TestCertificates()
        let (nats, port) = try startNATSServer()
        let address = WRPCAddress.nats(host: "127.0.0.1", port: UInt16(port), prefix: nil)
        try assertRefused(RPCPlugin(target: address, imports: ["wasmplug:test/host"], tls: TLSSettings(caFile: certificates.ca)),
                          "NATS server 127.0.0.1:\(port) offers no TLS")
        withExtendedLifetime(nats) {}
    }
}
