import CWasmPlugPlugin
import Foundation
import WasmPlugEngine
import WasmPlugWIT

/// A native plugin library, loaded and checked against ABI v1 (docs/native-plugin-abi.md).
///
/// Loading reads only what the plugin declares; nothing runs in it but its descriptor
/// function. Every malformed library gets a ``PluginError`` naming the file and the fault.
public final class PluginLibrary: @unchecked Sendable {
    // Safe to share: everything is read once at load time and immutable after; the library
    // handle stays open for the life of the process (plugins are never unloaded, so the
    // function pointers held by linkers stay valid).

    /// The ABI versions this runtime loads.
    public static let supportedABIVersions: ClosedRange<UInt32> = 1...1

    public let path: String
    public let abiVersion: UInt32
    public let name: String
    public let version: String
    public let wit: String
    public let world: String
    /// What the WIT says the world exports, every function checked against the function table.
    public let exports: [WITExport]
    /// Entry points by "interface#function".
    let functions: [String: wasmplug_function_fn]
    /// Drop functions by "interface#resource".
    let resourceDrops: [String: @convention(c) (UnsafeMutableRawPointer?, UInt32) -> Void]
    public let configurationKeys: [(name: String, description: String)]
    let createState: (@convention(c) (UnsafePointer<wasmplug_host_t>?, UnsafePointer<wasmplug_config_entry_t>?, Int,
                                      UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> UnsafeMutableRawPointer?)?
    let destroyState: (@convention(c) (UnsafeMutableRawPointer?) -> Void)?
    public let isThreadSafe: Bool
    private let callLock = Mutex()

    /// Runs `body` (a call into the plugin), holding the plugin's lock unless it is thread-safe:
    /// a plugin that is not is entered by one thread at a time, whatever store the call comes from.
    func serialized<R>(_ body: () throws -> R) rethrows -> R {
        isThreadSafe ? try body() : try callLock.withLock(body)
    }

    public var functionNames: [String] { functions.keys.sorted() }
    public var resourceNames: [String] { resourceDrops.keys.sorted() }

    /// The fields of ABI v1's descriptor, up to and including `flags`: the smallest size accepted.
    static let minimumDescriptorSize = MemoryLayout<wasmplug_plugin_t>.offset(of: \.flags)! + MemoryLayout<UInt32>.size

    public init(path: String) throws(PluginError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw PluginError(path, "no such file") }
        // RTLD_LOCAL keeps each plugin's symbols to itself; a relative path without a slash
        // would make dlopen search the library path, so make it explicit.
        let loadPath = path.contains("/") ? path : "./" + path
        guard let handle = dlopen(loadPath, RTLD_NOW | RTLD_LOCAL) else {
            throw PluginError(path, "cannot load it as a shared library: \(String(cString: dlerror()))")
        }
        guard let symbol = dlsym(handle, WASMPLUG_DESCRIPTOR_SYMBOL) else {
            throw PluginError(path, "exports no \(WASMPLUG_DESCRIPTOR_SYMBOL) function: it is not a WasmPlug plugin")
        }
        typealias DescriptorFunction = @convention(c) () -> UnsafePointer<wasmplug_plugin_t>?
        guard let descriptor = unsafeBitCast(symbol, to: DescriptorFunction.self)() else {
            throw PluginError(path, "\(WASMPLUG_DESCRIPTOR_SYMBOL)() returned NULL")
        }
        let raw = UnsafeRawPointer(descriptor)
        abiVersion = raw.load(as: UInt32.self)
        guard Self.supportedABIVersions.contains(abiVersion) else {
            throw PluginError(path, abiVersion > Self.supportedABIVersions.upperBound
                ? "needs plugin ABI v\(abiVersion), but this runtime supports v\(Self.supportedABIVersions.lowerBound)"
                    + "...v\(Self.supportedABIVersions.upperBound): upgrade wasmplug"
                : "declares plugin ABI v\(abiVersion), which does not exist (the first is v1)")
        }
        let size = Int(raw.load(fromByteOffset: 4, as: UInt32.self))
        guard size >= Self.minimumDescriptorSize else {
            throw PluginError(path, "its descriptor is \(size) bytes, smaller than ABI v1's \(Self.minimumDescriptorSize)")
        }
        // Only fields within both our struct and the plugin's `size` are read; a larger
        // descriptor from a newer plugin is accepted and its extra fields ignored.
        let d = descriptor.pointee
        name = try Self.string(d.name, "name", path)
        version = d.version.map { String(cString: $0) } ?? ""
        wit = try Self.string(d.wit, "wit", path)
        world = try Self.string(d.world, "world", path)
        var functions: [String: wasmplug_function_fn] = [:]
        for entry in try Self.array(d.functions, d.function_count, "functions", path) {
            let name = try Self.string(entry.name, "a function's name", path)
            guard let function = entry.function else { throw PluginError(path, "function \(name) has a NULL entry point") }
            functions[name] = function
        }
        self.functions = functions
        exports = try Self.readExports(wit: wit, world: world, name: name, functions: functions, path: path)
        var drops: [String: @convention(c) (UnsafeMutableRawPointer?, UInt32) -> Void] = [:]
        for entry in try Self.array(d.resources, d.resource_count, "resources", path) {
            let name = try Self.string(entry.name, "a resource's name", path)
            guard let drop = entry.drop else { throw PluginError(path, "resource \(name) has a NULL drop function") }
            drops[name] = drop
        }
        resourceDrops = drops
        var keys: [(name: String, description: String)] = []
        for key in try Self.array(d.config_keys, d.config_key_count, "config_keys", path) {
            keys.append((try Self.string(key.name, "a configuration key", path), key.description.map { String(cString: $0) } ?? ""))
        }
        configurationKeys = keys
        createState = d.create_state
        destroyState = d.destroy_state
        isThreadSafe = d.flags & UInt32(WASMPLUG_PLUGIN_THREAD_SAFE) != 0
    }

    /// The world's exports from the WIT; every exported function must have an entry point.
    private static func readExports(
        wit: String, world: String, name: String, functions: [String: wasmplug_function_fn], path: String
    ) throws(PluginError) -> [WITExport] {
        let exports: [WITExport]
        do {
            exports = try WITDocument.parse(wit, fileName: "\(name).wit").exports(ofWorld: world)
        } catch {
            throw PluginError(path, "its WIT does not parse: \(error)")
        }
        for export in exports {
            let keys: [String] = switch export {
            case .interface(let interface): interface.functions.map { "\(interface.name)#\($0.name)" }
            case .function(let function): [function.name]
            }
            if let missing = keys.first(where: { functions[$0] == nil }) {
                throw PluginError(path, "its WIT exports \(missing), but its function table has no entry point for it")
            }
        }
        return exports
    }

    /// The function the WIT declares for "interface#function" (or a bare world function).
    func witFunction(_ key: String) -> WITFunction? {
        for export in exports {
            switch export {
            case .interface(let interface):
                if let function = interface.functions.first(where: { "\(interface.name)#\($0.name)" == key }) { return function }
            case .function(let function):
                if function.name == key { return function }
            }
        }
        return nil
    }

    private static func string(_ pointer: UnsafePointer<CChar>?, _ field: String, _ path: String) throws(PluginError) -> String {
        guard let pointer else { throw PluginError(path, "its descriptor's \(field) is NULL") }
        return String(cString: pointer)
    }

    private static func array<T>(_ pointer: UnsafePointer<T>?, _ count: Int, _ field: String, _ path: String) throws(PluginError) -> UnsafeBufferPointer<T> {
        guard count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        guard let pointer else { throw PluginError(path, "its descriptor lists \(count) \(field) but the array is NULL") }
        return UnsafeBufferPointer(start: pointer, count: count)
    }
}

/// A plugin library that cannot be used, with the file and the reason.
public struct PluginError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ path: String, _ problem: String) {
        description = "plugin '\(path)': \(problem)"
    }
}
