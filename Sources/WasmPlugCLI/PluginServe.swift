import ArgumentParser
import WasmPlugCommandLine
import Dispatch
import Foundation
import WasmPlugEngine
import WasmPlugCache
import WasmPlugComponentPlugins
import WasmPlugHost
import WasmPlugProvider
import WasmPlugNative
import WasmPlugRPC
import WasmPlugRPCServer
import WasmPlugSandbox
import WasmPlugWRPC

extension PluginCommand {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a plugin to other processes over wRPC, so any kind of plugin can run out of process.",
            discussion: """
                PLUGIN is a native plugin library, with its configuration as for -P plugin= \
                (./libkeyvalue_sqlite.so,path=data.db), or a plugin component (.wasm) whose \
                exports are served. Guests reach it with `wasmplug run -P protocol=... -P import=...`:

                  wasmplug plugin serve --target 127.0.0.1:7761 ./libkeyvalue_sqlite.so,path=kv.db
                  wasmplug run -P target=127.0.0.1:7761 -P import=wasi:keyvalue kv-client.wasm

                It prints `serving ... on ADDRESS` once ready and runs until stopped. Functions \
                are served under the names real wRPC peers use (`bucket.get` for \
                `[method]bucket.get`). A call that traps a component fails alone: the component \
                starts over for the next call. Resource handles callers never drop are freed by \
                --max-resources and --resource-idle-timeout (docs/rpc-plugins.md).

                With isolate=sandbox among a library's keys (and its keys allow-read=, \
                allow-write=, net=, memory=, cpu=, files=, processes=, without=, as for \
                `-P plugin=...,isolate=sandbox`), this process confines itself before it loads \
                the library (docs/security-model.md); it then serves on wrpc+unix, or on \
                wrpc+tcp with net=host.
                """
        )

        @OptionGroup(title: "Where to serve")
        var address: ServerAddressArguments

        /// Set by `isolate=process`: the host holds the other end of standard input, so the child
        /// ends with its host, however the host ends, and removes its socket and the host's
        /// folder for it (when that is left empty).
        @Flag(help: .hidden)
        var exitWhenInputCloses = false

        /// Set by `isolate=process`: serve wasmplug's sessions on the Unix socket (connections
        /// that carry one call after another, each run on the connection's own thread), which
        /// only wasmplug's own client speaks.
        @Flag(help: .hidden)
        var sessions = false

        @Option(help: ArgumentHelp("The most resource handles kept for callers at once; handing out one more frees the least recently used.",
                                   valueName: "count"))
        var maxResources = ResourceHandleRules.standard.limit

        @Option(help: ArgumentHelp("How long a resource handle may go unused before it is freed: 500ms, 30s, 10m.", valueName: "duration"))
        var resourceIdleTimeout = "10m"

        @Argument(help: ArgumentHelp("The plugin: a library (.so) with optional ,key=value configuration, or a component (.wasm).", valueName: "plugin"))
        var plugin: String

        func run() throws {
            let address = try self.address.rpcTarget()
            let authentication = try self.address.natsAuthentication()
            let tls = try self.address.tls.settings(for: address)
            let served: ServedPlugin, rules: ResourceHandleRules
            do {
                served = try ServedPlugin(parsing: plugin)
                rules = try resourceRules()
                try served.confine(serving: address)
            } catch {
                throw fail("\(error)")
            }
            if exitWhenInputCloses { Self.exitWhenStandardInputCloses(removing: address) }
            let service = WRPCService()
            func registerFunctions() throws {
                do {
                    try register(served.specification, in: service, resourceRules: rules)
                } catch {
                    throw fail("\(error)")
                }
            }
            // Sandboxed, the library is loaded only once the server listens and the system-call
            // filter is installed; otherwise first (NATS subscribes to each function).
            if served.sandbox == nil { try registerFunctions() }
            let server = WRPCServer(service: service)
            let bound: WRPCAddress
            do {
                bound = try start(server, at: address, natsAuthentication: authentication, tls: tls)
            } catch {
                throw fail("cannot serve on \(address): \(error)")
            }
            if let sandbox = served.sandbox {
                do { try Sandbox.filterSystemCalls(sandbox) } catch { throw fail("\(error)") }
                try registerFunctions()
            }
            for interface in Set(service.entries.map(\.instance)).sorted() { printLine("interface \(interface)") }
            printLine("serving \(service.names.count) functions of \(plugin) on \(bound)")
            server.serveForever()
        }

        /// Serves wRPC at `address`, or sessions with `--sessions`.
        private func start(_ server: WRPCServer, at address: WRPCAddress, natsAuthentication: NATSAuthentication,
                           tls: TLSSettings?) throws -> WRPCAddress {
            guard sessions else { return try server.start(address, natsAuthentication: natsAuthentication, tls: tls) }
            guard case .unix(let path) = address else { throw HostError("--sessions: serve them on a Unix socket (--protocol wrpc+unix)") }
            return try server.startSessions(at: path)
        }

        /// Exits once standard input reaches its end (the host that holds its other end is gone),
        /// removing the Unix socket it serves on and that socket's folder, if then empty.
        private static func exitWhenStandardInputCloses(removing address: WRPCAddress) {
            Thread.detachNewThread {
                var byte: UInt8 = 0
                while true {
                    let count = read(STDIN_FILENO, &byte, 1)
                    if count > 0 || (count < 0 && errno == EINTR) { continue }
                    if case .unix(let path) = address {
                        unlink(path)
                        rmdir(URL(fileURLWithPath: path).deletingLastPathComponent().path)
                    }
                    Foundation.exit(0)
                }
            }
        }

        /// When handles that callers never drop are freed (real wRPC clients never drop them).
        private func resourceRules() throws -> ResourceHandleRules {
            guard maxResources > 0 else { throw HostError("--max-resources \(maxResources): give a positive number of handles, e.g. 10000") }
            let seconds = try parseDuration(resourceIdleTimeout, option: "--resource-idle-timeout")
            return ResourceHandleRules(limit: maxResources, idleTimeout: .milliseconds(Int64(seconds * 1000)))
        }

        /// Registers every function the plugin exports.
        private func register(_ specification: NativePluginSpecification, in service: WRPCService,
                              resourceRules: ResourceHandleRules) throws {
            if specification.path.hasSuffix(".wasm") {
                guard specification.configuration.isEmpty else {
                    throw HostError("\(specification.path): a plugin component takes no ,key=value configuration")
                }
                let host = try ComponentPluginHost(path: specification.path, cache: ComponentCache(directory: ComponentCache.defaultDirectory()),
                                                   resourceRules: resourceRules)
                for function in host.functions {
                    service.register(function) { try host.call(interface: function.interface, function: function.name, arguments: $0) }
                }
            } else {
                let library = try PluginLibrary(path: specification.path)
                let host = try NativePluginHost(plugin: NativePlugin(
                    library: library, configuration: specification.configuration.map { ($0.key, $0.value) }), resourceRules: resourceRules)
                for function in host.functions {
                    service.register(function) { try host.call(interface: function.interface, function: function.name, arguments: $0) }
                }
            }
        }
    }
}
