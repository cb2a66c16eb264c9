import Foundation
import WasmPlugTestSupport
import XCTest

/// wasmplug's key-value server (`plugin serve` of the SQLite plugin) called as a real wRPC
/// client calls it: upstream's function names (`bucket.get`, not `[method]bucket.get`), and
/// every byte of the calls and the answers written out from `SPEC.md` and the value encoding.
final class KeyValueInteropTests: XCTestCase {
    static func call(_ function: String, _ parameters: [UInt8]) -> [UInt8] {
        FramedClient.call(instance: "wasi:keyvalue/store@0.2.0-draft", function: function, parameters: parameters)
    }

    func testEveryFunctionAnswersUnderUpstreamsNamesOverTCPAndUnixSockets() throws {
        let directory = try temporaryDirectory()
        let database = directory.appendingPathComponent("kv.db").path, socket = directory.appendingPathComponent("kv.sock").path
        for transport in [["--target", "127.0.0.1:0"], ["--protocol", "wrpc+unix", "--target", socket]] {
            let server = try BackgroundProcess(CLI.executable.path, ["plugin", "serve"] + transport + ["\(KeyValuePluginTests.plugin),path=\(database)"])
            let line = try server.waitForOutput(containing: "serving ")
            try exerciseEveryFunction(try XCTUnwrap(FramedClient(servingLine: line), line), on: line)
            server.kill()
        }
    }

    /// Answers are one root frame: path length 0, the data's length, the data.
    private func exerciseEveryFunction(_ client: FramedClient, on server: String) throws {
        // open("interop") -> result<bucket, error>: ok (0), then the handle, a 16-byte list<u8>.
        let opened = client.exchange(Self.call("open", FramedClient.string("interop")))
        XCTAssertEqual(Array(opened.prefix(4)), [0x00, 0x12, 0x00, 0x10], "open on \(server)")
        let bucket = [0x10] + Array(opened.dropFirst(4))
        XCTAssertEqual(bucket.count, 17)
        let key = FramedClient.string("k")
        XCTAssertEqual(client.exchange(Self.call("bucket.set", bucket + key + [0x03, 1, 2, 3])), [0x00, 0x01, 0x00], "set: ok")
        XCTAssertEqual(client.exchange(Self.call("bucket.get", bucket + key)), [0x00, 0x06, 0x00, 0x01, 0x03, 1, 2, 3], "get: ok(some([1, 2, 3]))")
        XCTAssertEqual(client.exchange(Self.call("bucket.exists", bucket + key)), [0x00, 0x02, 0x00, 0x01], "exists: ok(true)")
        // list-keys(none) -> ok({keys: ["k"], cursor: none})
        XCTAssertEqual(client.exchange(Self.call("bucket.list-keys", bucket + [0x00])), [0x00, 0x05, 0x00, 0x01, 0x01, 0x6b, 0x00], "list-keys")
        XCTAssertEqual(client.exchange(Self.call("bucket.delete", bucket + key)), [0x00, 0x01, 0x00], "delete: ok")
        XCTAssertEqual(client.exchange(Self.call("bucket.get", bucket + key)), [0x00, 0x02, 0x00, 0x00], "get: ok(none)")
        XCTAssertEqual(client.exchange(Self.call("[method]bucket.get", bucket + key)), [], "the component model's spelling is not served")
    }

    /// Over NATS the subjects end in the same names: the guest, through wasmplug's client, gets
    /// its transcript from `plugin serve`.
    func testTheKeyValueGuestOverNATSGetsItsTranscript() throws {
        let (nats, natsPort) = try startNATSServer()
        let database = try temporaryDirectory().appendingPathComponent("kv.db").path
        let server = try BackgroundProcess(CLI.executable.path, [
            "plugin", "serve", "--protocol", "wrpc+nats", "--target", "127.0.0.1:\(natsPort)", "\(KeyValuePluginTests.plugin),path=\(database)",
        ])
        try server.waitForOutput(containing: "serving ")
        let result = try CLI.run(["run", "-P", "protocol=wrpc+nats,target=127.0.0.1:\(natsPort),import=wasi:keyvalue", CLI.guest("kv-client.wasm")])
        XCTAssertEqual(result.stdout, KeyValuePluginTests.transcript, result.stderr)
        withExtendedLifetime(nats) {}
    }
}
