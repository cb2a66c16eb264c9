import Foundation
import WasmPlugEngine
import WasmPlugNative
import WasmPlugRPC
import WasmPlugRPCServer
import WasmPlugTestSupport
import WasmPlugWRPC
import XCTest

/// host-roundtrip.wasm, whose `wasmplug:test/host` import the tests serve over wRPC.
enum RoundTrip {
    static let engine = Engine()
    static let component: Component = try! Component(engine: engine, bytes: Toolchain.guest("host-roundtrip.wasm"))

    /// An instance of the guest whose host import `plugin` serves.
    static func instance(_ plugin: RPCPlugin) throws -> Instance {
        let linker = Linker(engine: engine)
        try linker.addWASI()
        for item in component.type.imports {
            if plugin.serves(item.name) {
                try plugin.define(item, in: linker)
            } else if item.name.hasPrefix("wasmplug:test/types") {
                try linker.define(instance: item.name) { _ in }
            }
        }
        let store = Store(engine: engine)
        try store.setWASI(WASIConfiguration())
        return try linker.instantiate(component, in: store)
    }

    static func echo(_ instance: Instance, _ name: String) throws -> Func {
        try XCTUnwrap(instance.function([EchoCases.echoInterface, name]), name)
    }
}

/// The C echo plugin (Tests/Plugins) served in this process by a SwiftNIO wRPC server.
final class EchoServer {
    let server: WRPCServer
    let address: WRPCAddress
    /// Calls served, by function name.
    let calls = CallCounter()

    init(_ address: WRPCAddress, natsAuthentication: NATSAuthentication = NATSAuthentication(), tls: TLSSettings? = nil) throws {
        let host = try NativePluginHost(plugin: NativePlugin(library: try PluginLibrary(path: Toolchain.pluginPath("libecho.so"))))
        let service = WRPCService()
        for function in host.functions {
            service.register(function) { [calls] in
                calls.count(function.name)
                return try host.call(interface: function.interface, function: function.name, arguments: $0)
            }
        }
        server = WRPCServer(service: service, log: { _ in })
        self.address = try server.start(address, natsAuthentication: natsAuthentication, tls: tls)
    }

    /// The RPC plugin a guest uses to reach this server. The default timeout is only a bound on
    /// a hung test: a 1 MiB `list<u8>` (a million values each way) takes seconds under a sanitizer.
    func plugin(timeout: Duration = .seconds(60), sendsResourceDrops: Bool = false) throws -> RPCPlugin {
        return RPCPlugin(target: address, imports: ["wasmplug:test/host"], timeout: timeout, sendsResourceDrops: sendsResourceDrops)
    }

    func stop() throws { try server.shutdown() }
}

final class CallCounter: @unchecked Sendable {
    // Safe to share: `counts` is only touched under `lock`.
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func count(_ name: String) { lock.withLock { counts[name, default: 0] += 1 } }
    subscript(name: String) -> Int { lock.withLock { counts[name, default: 0] } }
    var total: Int { lock.withLock { counts.values.reduce(0, +) } }
    /// How many different names were counted.
    var distinct: Int { lock.withLock { counts.count } }
}

/// The echo plugin's count of live counter resources, read through its symbol.
func liveCounters() -> Int32 {
    let handle = dlopen(Toolchain.pluginPath("libecho.so"), RTLD_NOW | RTLD_LOCAL)!
    return dlsym(handle, "echo_plugin_live_counters")!.assumingMemoryBound(to: Int32.self).pointee
}

/// A TCP server on 127.0.0.1 that answers each connection with `behave`, on a thread: for
/// plugins that misbehave in ways a real server would not.
final class HostileServer: @unchecked Sendable {
    // Safe to share: `descriptor` is written once before the thread starts; `stopped` is only
    // touched under `lock`.
    let port: UInt16
    private let descriptor: Int32
    private let lock = NSLock()
    private var stopped = false

    /// `behave` gets the connection's descriptor after the request was read to its end.
    init(_ behave: @escaping @Sendable (Int32) -> Void) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        port = UInt16(bigEndian: address.sin_port)
        listen(descriptor, 16)
        let listener = descriptor
        Thread.detachNewThread {
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                var buffer = [UInt8](repeating: 0, count: 65536)
                while recv(connection, &buffer, buffer.count, 0) > 0 {}
                behave(connection)
                close(connection)
            }
        }
    }

    func plugin(timeout: Duration = .seconds(5)) -> RPCPlugin {
        RPCPlugin(target: .tcp(host: "127.0.0.1", port: port), imports: ["wasmplug:test/host"], timeout: timeout)
    }

    /// Stops listening; the port is free again.
    func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            shutdown(descriptor, Int32(SHUT_RDWR))
            close(descriptor)
        }
    }

    deinit { stop() }
}
