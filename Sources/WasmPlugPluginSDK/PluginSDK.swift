@_exported import CWasmPlugPlugin

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything a native plugin written in Swift needs: build the descriptor with
/// ``PluginDescriptor``, export it with `@_cdecl("wasmplug_plugin_descriptor")`, and write each
/// function as a `@convention(c)` closure over the native layout (docs/native-plugin-abi.md),
/// using ``PluginCall`` for result memory and errors.
public enum PluginSDK {
    /// The host's service table, recorded when the runtime creates the plugin's state.
    nonisolated(unsafe) public private(set) static var host: UnsafePointer<wasmplug_host_t>?

    /// Why the last `create_state` refused its configuration, handed to the runtime.
    nonisolated(unsafe) static var refusal: UnsafeMutablePointer<CChar>?

    static func record(_ host: UnsafePointer<wasmplug_host_t>?) {
        self.host = host
    }

    /// The configuration entries as a dictionary (a later key wins).
    public static func configuration(_ entries: UnsafePointer<wasmplug_config_entry_t>?, _ count: Int) -> [String: String] {
        var configuration: [String: String] = [:]
        for entry in UnsafeBufferPointer(start: entries, count: count) {
            configuration[entry.key.string] = entry.value.string
        }
        return configuration
    }

    /// Refuses a store's configuration with `message`; return the result from `createState`.
    public static func refuse(_ message: String) -> UnsafeMutableRawPointer? {
        free(refusal)
        refusal = strdup(message)
        return nil
    }
}

/// The elements of a borrowed list, each read by `read` from its address (`stride` bytes apart).
public func readList<T>(_ pointer: UnsafeRawPointer, stride: Int, _ read: (UnsafeRawPointer) -> T) -> [T] {
    let list = pointer.load(as: wasmplug_list_t.self)
    guard let base = list.ptr else { return [] }
    return (0..<list.len).map { read(base + $0 * stride) }
}

/// A WIT `result<T, E>` value, for plugin functions (Swift's `Result` needs `E: Error`).
public enum WITResult<Ok, Err> {
    case ok(Ok)
    case err(Err)
}

/// The call in progress, as a plugin function sees it.
public struct PluginCall {
    public let raw: OpaquePointer?

    public init(_ raw: OpaquePointer?) {
        self.raw = raw
    }

    /// Memory for a result, owned by the host and freed after the call.
    public func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let bytes = PluginSDK.host!.pointee.alloc(raw, MemoryLayout<T>.stride * max(count, 1), MemoryLayout<T>.alignment)!
        return bytes.bindMemory(to: T.self, capacity: max(count, 1))
    }

    /// Raw memory for a result, owned by the host and freed after the call.
    public func allocateBytes(_ count: Int, alignment: Int) -> UnsafeMutableRawPointer {
        PluginSDK.host!.pointee.alloc(raw, max(count, 1), alignment)!
    }

    /// `text` copied into host memory, as a result string.
    public func string(_ text: String) -> wasmplug_str_t {
        var text = text
        return text.withUTF8 { bytes in
            let copy = allocate(UInt8.self, count: bytes.count)
            if let base = bytes.baseAddress { copy.update(from: base, count: bytes.count) }
            return wasmplug_str_t(ptr: UnsafeRawPointer(copy).assumingMemoryBound(to: CChar.self), len: bytes.count)
        }
    }

    /// `values` copied into host memory, as a result list.
    public func list<T>(_ values: [T]) -> wasmplug_list_t {
        let copy = allocate(T.self, count: values.count)
        values.withUnsafeBufferPointer { if let base = $0.baseAddress { copy.update(from: base, count: values.count) } }
        return wasmplug_list_t(ptr: UnsafeRawPointer(copy), len: values.count)
    }

    /// Makes the call trap with `message`; return the result from the function.
    public func fail(_ message: String) -> Int32 {
        var message = message
        message.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PluginSDK.host?.pointee.set_error(raw, $0.baseAddress, $0.count) }
        }
        return 1
    }
}

extension wasmplug_str_t {
    /// The borrowed text as a Swift string (the runtime guarantees valid UTF-8).
    public var string: String {
        guard let ptr, len > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: ptr, count: len), as: UTF8.self)
    }
}

extension wasmplug_list_t {
    /// The borrowed elements, as `T` (the element type the WIT declares, in its native layout).
    public func elements<T>(_ type: T.Type) -> UnsafeBufferPointer<T> {
        UnsafeBufferPointer(start: ptr?.assumingMemoryBound(to: T.self), count: len)
    }
}

/// A plugin's descriptor, built once and kept for the life of the process.
public final class PluginDescriptor: @unchecked Sendable {
    // Safe to share: built once, immutable afterwards; the runtime only reads it.

    /// What the runtime reads through `wasmplug_plugin_descriptor()`.
    public let pointer: UnsafePointer<wasmplug_plugin_t>

    /// - Parameters:
    ///   - functions: `"interface#function"` names and their entry points.
    ///   - createState: called once per store; the SDK records the host table first. A plugin
    ///     without state may leave it out.
    public init(
        name: String, version: String, wit: String, world: String,
        functions: [(name: String, function: wasmplug_function_fn)],
        resources: [(name: String, drop: @convention(c) (UnsafeMutableRawPointer?, UInt32) -> Void)] = [],
        configurationKeys: [(name: String, description: String)] = [],
        createState: (@convention(c) (UnsafePointer<wasmplug_config_entry_t>?, Int) -> UnsafeMutableRawPointer?)? = nil,
        destroyState: (@convention(c) (UnsafeMutableRawPointer?) -> Void)? = nil,
        threadSafe: Bool = false
    ) {
        // Strings and arrays live as long as the process: the runtime keeps reading them.
        func keep(_ text: String) -> UnsafePointer<CChar> { UnsafePointer(strdup(text)!) }
        func keep<T>(_ values: [T]) -> UnsafePointer<T>? {
            guard !values.isEmpty else { return nil }
            let copy = UnsafeMutablePointer<T>.allocate(capacity: values.count)
            copy.initialize(from: values, count: values.count)
            return UnsafePointer(copy)
        }
        PluginDescriptor.userCreateState = createState
        let descriptor = UnsafeMutablePointer<wasmplug_plugin_t>.allocate(capacity: 1)
        descriptor.initialize(to: wasmplug_plugin_t(
            abi_version: UInt32(WASMPLUG_ABI_VERSION), size: UInt32(MemoryLayout<wasmplug_plugin_t>.size),
            name: keep(name), version: keep(version), wit: keep(wit), world: keep(world),
            functions: keep(functions.map { wasmplug_function_t(name: keep($0.name), function: $0.function) }),
            function_count: functions.count,
            resources: keep(resources.map { wasmplug_resource_t(name: keep($0.name), drop: $0.drop) }),
            resource_count: resources.count,
            config_keys: keep(configurationKeys.map { wasmplug_config_key_t(name: keep($0.name), description: keep($0.description)) }),
            config_key_count: configurationKeys.count,
            create_state: { host, config, count, error in
                PluginSDK.record(host)
                guard let create = PluginDescriptor.userCreateState else { return UnsafeMutableRawPointer(mutating: host) }
                let state = create(config, count)
                if state == nil, let refusal = PluginSDK.refusal { error?.pointee = UnsafePointer(refusal) }
                return state
            },
            destroy_state: destroyState,
            flags: threadSafe ? UInt32(WASMPLUG_PLUGIN_THREAD_SAFE) : 0))
        pointer = UnsafePointer(descriptor)
    }

    /// The plugin's own state hook, called after the SDK records the host table.
    nonisolated(unsafe) private static var userCreateState: (@convention(c) (UnsafePointer<wasmplug_config_entry_t>?, Int) -> UnsafeMutableRawPointer?)?
}
