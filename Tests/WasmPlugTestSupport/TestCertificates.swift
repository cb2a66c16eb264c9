import Foundation

/// A CA and the certificates it signs, made by `openssl` in a temporary folder: a server
/// certificate for 127.0.0.1 and localhost, a client certificate, and each one's key (PEM).
public struct TestCertificates {
    public let directory: URL
    public var ca: String { path("ca.pem") }
    public var serverCertificate: String { path("server.pem") }
    public var serverKey: String { path("server.key") }
    public var clientCertificate: String { path("client.pem") }
    public var clientKey: String { path("client.key") }

    /// A new CA with its server and client certificates; the server's carries `serverNames`
    /// (openssl's subjectAltName syntax).
    public init(serverNames: String = "IP:127.0.0.1,DNS:localhost") throws {
        directory = try makeTemporaryDirectory()
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", path("ca.key"),
                     "-out", ca, "-days", "2", "-subj", "/CN=wasmplug test CA \(UInt32.random(in: 0...UInt32.max))"])
        try sign("server", subject: "/CN=localhost", extensions: "subjectAltName=\(serverNames)\nextendedKeyUsage=serverAuth\n")
        try sign("client", subject: "/CN=wasmplug test client", extensions: "extendedKeyUsage=clientAuth\n")
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func sign(_ name: String, subject: String, extensions: String) throws {
        try (extensions + "basicConstraints=CA:FALSE\n").write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", path("\(name).key"),
                     "-out", path("\(name).csr"), "-subj", subject])
        try openssl(["x509", "-req", "-in", path("\(name).csr"), "-CA", ca, "-CAkey", path("ca.key"),
                     "-set_serial", "\(UInt32.random(in: 1...UInt32.max))", "-days", "2", "-out", path("\(name).pem"),
                     "-extfile", path("\(name).ext")])
    }

    private func openssl(_ arguments: [String]) throws {
        let process = try BackgroundProcess("openssl", arguments)
        process.process.waitUntilExit()
        guard process.process.terminationStatus == 0 else {
            throw BackgroundProcessError(description: "openssl \(arguments.joined(separator: " ")) failed: \(process.output)")
        }
    }
}
