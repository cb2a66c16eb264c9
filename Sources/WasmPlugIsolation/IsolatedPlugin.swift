import Foundation
import WasmPlugEngine
import WasmPlugNative
import WasmPlugProvider
import WasmPlugRPC

/// A native plugin library run in a child process (`-P plugin=./libkv.so,isolate=process`):
/// `wasmplug plugin serve --sessions` on a Unix socket, reached as an RPC plugin whose connections
/// stay open between calls (``RPCPlugin``'s sessions). The library is never
/// loaded into the host: a plugin that crashes, aborts or hangs only fails the call in progress
/// (the guest traps with a message naming the plugin), and the child is started again for the
/// next store, at most `maxRestarts` times.
///
/// Each store it is attached to owns it, so the child lives as long as any store that calls it,
/// and is stopped when the last owner lets go. The child also ends when this process does,
/// however it ends: it holds the read end of a pipe whose write end only this process has.
public final class IsolatedPlugin: ImportProvider, @unchecked Sendable {
    // Safe to share: `child`, `lifeline`, `restarts`, `interfaces` and `rpc` are only touched under `lock`.
    public let specification: NativePluginSpecification
    public let isolation: Isolation
    /// The `wasmplug` executable that runs `plugin serve`.
    let executable: String
    private let directory: URL
    private let socket: String
    private let lock = Mutex()
    private var child: Process?
    /// The write end of the child's standard input; closing it (or this process ending) ends the child.
    private var lifeline: Pipe?
    private var restarts = 0
    /// The interfaces the plugin serves, as the child reported them.
    public private(set) var interfaces: [String] = []
    private var rpc: RPCPlugin?

    /// Starts the child and learns the interfaces it serves. `executable` defaults to this
    /// process's own executable, which is `wasmplug` when run from the CLI.
    public init(_ specification: NativePluginSpecification, isolation: Isolation,
                executable: String = Bundle.main.executablePath ?? "/proc/self/exe") throws(HostError) {
        self.specification = specification
        self.isolation = isolation
        self.executable = executable
        directory = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("wasmplug-isolated-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw HostError("isolate=process: cannot create a directory for the plugin's socket: \(error.localizedDescription)")
        }
        socket = directory.appendingPathComponent("plugin.sock").path
        try lock.withLock { () throws(HostError) in try start() }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private var name: String { URL(fileURLWithPath: specification.path).lastPathComponent }

    public var description: String { Self.describe(specification.path) }

    /// How `inspect` and errors name an isolated plugin of `path`.
    static func describe(_ path: String) -> String { "native plugin \(path), in a child process" }

    /// Whether the plugin serves the guest's import `name` (same name, or any version of it).
    public func serves(_ importName: String) -> Bool {
        rpcPlugin.serves(importName)
    }

    /// Defines the guest's import in `linker`, served by the child.
    public func define(_ item: NamedItem, in linker: Linker, store: Store, importer: String) throws {
        try rpcPlugin.define(item, in: linker)
    }

    /// Makes sure the child runs for a new store (starts it again if it died, within the limit),
    /// and makes `store` an owner of this plugin.
    public func attach(to store: Store) throws(HostError) {
        store.keepAlive(self)
        try lock.withLock { () throws(HostError) in
            if child?.isRunning == true { return }
            guard restarts < isolation.maxRestarts else {
                throw HostError("plugin \(name) (isolated) stopped and was restarted \(restarts) times, the limit "
                    + "(raise it with max-restarts=)")
            }
            restarts += 1
            try start()
        }
    }

    private var rpcPlugin: RPCPlugin { lock.withLock { rpc! } }

    /// Starts `wasmplug plugin serve` and waits for its `serving` line.
    private func start() throws(HostError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["plugin", "serve", "--exit-when-input-closes", "--protocol", "wrpc+unix", "--sessions", "--target", socket,
                             isolation.serveArgument(specification)]
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        // The plugin's own messages still reach stderr; a crash report from the runtime does not.
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        do {
            try process.run()
        } catch {
            throw HostError("isolate=process: cannot start \(executable): \(error.localizedDescription)")
        }
        var text = ""
        let reader = output.fileHandleForReading
        while !text.contains("serving ") {
            let data = reader.availableData
            if data.isEmpty {
                process.waitUntilExit()
                let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    .split(separator: "\n").last.map { ": " + $0.replacingOccurrences(of: "error: ", with: "") } ?? ""
                throw HostError("plugin \(name) (isolated) exited before serving, with status \(process.terminationStatus)\(said)")
            }
            text += String(decoding: data, as: UTF8.self)
        }
        interfaces = text.split(separator: "\n").filter { $0.hasPrefix("interface ") }.map { String($0.dropFirst("interface ".count)) }
        try? input.fileHandleForReading.close()
        child = process
        lifeline = input
        // From now on the plugin's messages go where the host's go.
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { FileHandle.standardError.write(data) }
        }
        let plugin = RPCPlugin(target: .unix(path: socket), imports: interfaces,
                               timeout: .milliseconds(Int64(isolation.timeout * 1000)),
                               label: "plugin \(name) (isolated, process \(process.processIdentifier))",
                               sendsResourceDrops: true, sessions: true)  // the child is `wasmplug plugin serve --sessions`
        plugin.onCallFailure = { [weak self] _ in self?.stop() }
        rpc = plugin
    }

    /// Stops the child (after a failed call, the next store gets a fresh one).
    private func stop() {
        let (child, lifeline) = lock.withLock { (self.child, self.lifeline) }
        try? lifeline?.fileHandleForWriting.close()
        guard let child, child.isRunning else { return }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
    }
}
