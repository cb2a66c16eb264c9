import WasmPlugCache
import WasmPlugHost
import WasmPlugNative
import WasmPlugProvider
import WasmPlugRPC
import WasmPlugWRPC
import XCTest

/// The `-P` options: native plugins, and RPC plugins written the RFC's way.
final class PluginOptionsTests: XCTestCase {
    func testTheRFCsSyntaxWithItsDefaults() throws {
        let rpc = try PluginOptions(parsing: ["import=wasi:keyvalue"]).specifications(of: RPCPluginSpecification.self)
        XCTAssertEqual(rpc.count, 1)
        XCTAssertEqual(try rpc[0].rpcTarget(), .tcp(host: "::1", port: 7761))
        XCTAssertEqual(rpc[0].imports, ["wasi:keyvalue"])
    }

    func testSeveralRPCPluginsAndANativeOne() throws {
        let options = try PluginOptions(parsing: [
            "protocol=wrpc+tcp", "target=127.0.0.1:7000", "import=example:log", "import=example:metrics/counter",
            "plugin=./libkv.so,path=kv.db",
            "protocol=wrpc+unix,target=/run/kv.sock,import=wasi:keyvalue,timeout=500ms",
            "protocol=wrpc+nats", "prefix=prod", "import=wasi:blobstore",
        ])
        let rpc = options.specifications(of: RPCPluginSpecification.self)
        XCTAssertEqual(options.specifications(of: NativePluginSpecification.self).map(\.path), ["./libkv.so"])
        XCTAssertEqual(try rpc.map { try $0.rpcTarget() }, [
            .tcp(host: "127.0.0.1", port: 7000), .unix(path: "/run/kv.sock"), .nats(host: "127.0.0.1", port: 4222, prefix: "prod"),
        ])
        XCTAssertEqual(rpc.map(\.imports), [["example:log", "example:metrics/counter"], ["wasi:keyvalue"], ["wasi:blobstore"]])
        XCTAssertEqual(rpc[1].timeout, 0.5)
        XCTAssertEqual(rpc.map(\.sendsResourceDrops), [false, false, false], "real wRPC servers have no drop call")
    }

    func testResourceDropsAreSentOnlyWhenAsked() throws {
        let rpc = try PluginOptions(parsing: ["import=wasi:keyvalue,resource-drops=yes"]).specifications(of: RPCPluginSpecification.self)
        XCTAssertEqual(rpc.map(\.sendsResourceDrops), [true])
        XCTAssertThrowsError(try PluginOptions(parsing: ["import=wasi:keyvalue,resource-drops=maybe"])) { error in
            XCTAssertTrue("\(error)".contains("-P resource-drops=maybe: write yes (the server is `wasmplug plugin serve`) or no"), "\(error)")
        }
    }

    func testImportPatternsMatchPackagesAndInterfacesAtAnyVersion() {
        XCTAssertTrue(RPCPlugin.pattern("wasi:keyvalue", matches: "wasi:keyvalue/store@0.2.0-draft"))
        XCTAssertTrue(RPCPlugin.pattern("wasi:keyvalue/store", matches: "wasi:keyvalue/store@0.2.0-draft"))
        XCTAssertTrue(RPCPlugin.pattern("wasi:keyvalue/store@0.2.0-draft", matches: "wasi:keyvalue/store@0.2.0-draft"))
        XCTAssertFalse(RPCPlugin.pattern("wasi:keyvalue/store@0.2.1", matches: "wasi:keyvalue/store@0.2.0-draft"))
        XCTAssertFalse(RPCPlugin.pattern("wasi:key", matches: "wasi:keyvalue/store@0.2.0-draft"))
        XCTAssertFalse(RPCPlugin.pattern("wasi:keyvalue/atomics", matches: "wasi:keyvalue/store@0.2.0-draft"))
    }

    func testTargetsAreParsedStrictly() {
        for (target, fragment) in [("[::1", "no closing ']'"), ("localhost", "the port is missing"), (":7761", "the host is empty"),
                                   ("host:99999", "not a number from 0 to 65535"), ("[::1]x", "expected ':' after ']'")] {
            XCTAssertThrowsError(try WRPCAddress(protocol: "wrpc+tcp", target: target), target) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(target): \(error)")
            }
        }
        XCTAssertThrowsError(try WRPCAddress(protocol: "wrpc+unix", target: String(repeating: "x", count: 200))) { error in
            XCTAssertTrue("\(error)".contains("longer than the 107 bytes"), "\(error)")
        }
        XCTAssertEqual(try WRPCAddress(protocol: "wrpc+nats", target: "nats://10.0.0.1"), .nats(host: "10.0.0.1", port: 4222, prefix: nil))
    }
}
