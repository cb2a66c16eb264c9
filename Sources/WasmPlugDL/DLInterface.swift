import WasmPlugEngine
import WasmPlugProvider

/// Serves a guest's `wasi:dl/dl` import from a ``DLHost`` under one ``DLPolicy``.
///
/// Each store gets its own host (its own libraries and allocations), created at the first call
/// and released with the store, after the guest's resources were dropped.
public final class DLInterface: ImportProvider {
    /// The interface's name without its version.
    public static let interfaceName = "wasi:dl/dl"
    /// The version of wit/dl/dl.wit this host implements.
    public static let version = "0.1.0-draft"

    public let policy: DLPolicy

    public init(policy: DLPolicy) {
        self.policy = policy
    }

    /// Whether the import `name` is `wasi:dl/dl`, in any version.
    public static func serves(_ name: String) -> Bool {
        InterfaceName(name).unversioned == interfaceName
    }

    public var description: String { "wasi:dl (policy: \(policy.source))" }

    public func serves(_ name: String) -> Bool { Self.serves(name) }

    public func define(_ item: NamedItem, in linker: Linker, store: Store, importer: String) throws {
        try define(item, in: linker)
    }

    /// Throws when `imports` (of the guest) hold wasi:dl: only trusted plugin components get it.
    public static func refuse(toGuest imports: [NamedItem]) throws(HostError) {
        guard let item = imports.first(where: { serves($0.name) }) else { return }
        throw HostError("the guest imports \(item.name), which only trusted plugin components get: move its native calls "
            + "into a plugin component and pass it with -P component=PATH,trusted,dl-policy=FILE (for a component you composed "
            + "with such a plugin, `wasmplug compose`, add --trust-dl-policy FILE)")
    }

    /// Defines the guest's import `item` (`wasi:dl/dl@...`) in `linker`. Throws when the guest
    /// imports a function or resource this host does not implement.
    public func define(_ item: NamedItem, in linker: Linker) throws {
        guard Self.serves(item.name) else {
            throw WasmtimeError(.misuse, "\(item.name) is not \(Self.interfaceName)", context: "defining wasi:dl")
        }
        let resources = DLResourceTypes()
        let functions = functions(resources)
        for member in item.item.instanceItems {
            let known = switch member.item {
            case .function: functions[member.name] != nil
            case .resource: resources.all.contains { $0.name == member.name }
            default: true
            }
            guard known else {
                throw WasmtimeError(.misuse, "the guest imports \(member.name) from \(item.name), which this host does not "
                    + "implement (it implements \(Self.interfaceName)@\(Self.version), wit/dl/dl.wit)", context: "defining wasi:dl")
            }
        }
        try linker.define(instance: item.name) { instance in
            for type in resources.all { try instance.resource(type) }
            for (name, body) in functions.sorted(by: { $0.key < $1.key }) { try instance.function(name, body) }
        }
    }

    /// The store's host, created at its first use. The linker's functions keep `self` alive.
    private func host(_ caller: Caller) -> DLHost {
        let key = ObjectIdentifier(self)
        if let host = caller.state.extensions[key] as? DLHost { return host }
        let host = DLHost(policy: policy)
        caller.state.extensions[key] = host
        return host
    }

    /// Every function of the interface, by its name in the linker.
    private func functions(_ types: DLResourceTypes) -> [String: HostFunction] {
        [
            "library-prefix": { _, _ in .string(DLHost.libraryPrefix) },
            "library-suffix": { _, _ in .string(DLHost.librarySuffix) },
            "library-name": { _, arguments in .string(DLHost.libraryName(try arguments[0].asString())) },
            "[static]library.open": fallible { [self] caller, arguments in
                let library = try host(caller).open(try arguments[0].asString(), flags: DLOpenFlags(arguments[1]))
                return try caller.makeResource(library, of: types.library)
            },
            "[method]library.symbol": fallible { caller, arguments in
                let library: DLLibrary = try caller.object(arguments[0], types.library)
                return try caller.makeResource(try library.symbol(try arguments[1].asString()), of: types.symbol)
            },
            "[method]library.global": fallible { caller, arguments in
                let library: DLLibrary = try caller.object(arguments[0], types.library)
                let global = try library.global(try arguments[1].asString(), type: CType(arguments[2]))
                return try caller.makeResource(global, of: types.global)
            },
            "[method]symbol.name": { caller, arguments in
                let symbol: DLSymbol = try caller.object(arguments[0], types.symbol)
                return .string(symbol.name)
            },
            "[static]function.create": fallible { caller, arguments in
                let symbol: DLSymbol = try caller.object(arguments[0], types.symbol)
                let parameters = try arguments[1].asList().map { (parameter) throws(DLError) in try CType(parameter) }
                let function = try DLFunction(symbol: symbol, signature: CSignature(parameters: parameters, result: CType(arguments[2])))
                return try caller.makeResource(function, of: types.function)
            },
            "[method]function.call": fallible { caller, arguments in
                let function: DLFunction = try caller.object(arguments[0], types.function)
                let values = try arguments[1].asList().map { (value) throws(DLError) in try CValue(value) }
                return try function.call(values).componentValue
            },
            "[static]alloc.with-layout": fallible { [self] caller, arguments in
                let fields = try arguments[0].asList().map { (field) throws(DLError) in try CType(field) }
                return try caller.makeResource(try host(caller).allocate(fields: fields), of: types.alloc)
            },
            "[static]alloc.with-size": fallible { [self] caller, arguments in
                try caller.makeResource(try host(caller).allocate(size: try arguments[0].asU64()), of: types.alloc)
            },
            "[method]alloc.address": fallible { caller, arguments in
                .u64(try caller.allocation(arguments[0], types).address())
            },
            "[method]alloc.size": { caller, arguments in
                .u64(UInt64(try caller.allocation(arguments[0], types).size))
            },
            "[method]alloc.read": fallible { caller, arguments in
                try caller.allocation(arguments[0], types).read(field: try arguments[1].asU32()).componentValue
            },
            "[method]alloc.write": fallible { caller, arguments in
                try caller.allocation(arguments[0], types).write(field: try arguments[1].asU32(), try CValue(arguments[2]))
                return nil
            },
            "[method]alloc.read-cstring": fallible { caller, arguments in
                .string(try caller.allocation(arguments[0], types).readCString(offset: try arguments[1].asU64()))
            },
            "[method]alloc.read-cstring-field": fallible { caller, arguments in
                .option(try caller.allocation(arguments[0], types).readCString(pointerField: try arguments[1].asU32()).map(Value.string))
            },
            "[method]alloc.read-bytes": fallible { caller, arguments in
                let bytes = try caller.allocation(arguments[0], types).readBytes(offset: try arguments[1].asU64(), count: try arguments[2].asU64())
                return .list(bytes.map(Value.u8))
            },
            "[method]alloc.write-bytes": fallible { caller, arguments in
                let bytes = try arguments[2].asList().map { (byte) throws(DLError) in try byte.asU8() }
                try caller.allocation(arguments[0], types).writeBytes(offset: try arguments[1].asU64(), bytes)
                return nil
            },
            "[method]alloc.free": fallible { caller, arguments in
                try caller.allocation(arguments[0], types).free()
                return nil
            },
            "[method]global.get": { caller, arguments in
                let global: DLGlobal = try caller.object(arguments[0], types.global)
                return global.get().componentValue
            },
            "[method]global.set": fallible { caller, arguments in
                let global: DLGlobal = try caller.object(arguments[0], types.global)
                try global.set(try CValue(arguments[1]))
                return nil
            },
        ]
    }
}

/// The interface's resource types, made for each linker the interface is defined in.
private struct DLResourceTypes {
    let library = HostResourceType(name: "library")
    let symbol = HostResourceType(name: "symbol")
    let function = HostResourceType(name: "function")
    // Dropping the handle releases the allocation; its memory is freed with the object.
    let alloc = HostResourceType(name: "alloc")
    let global = HostResourceType(name: "global")

    var all: [HostResourceType] { [library, symbol, function, alloc, global] }
}

/// A function returning `result<T, error>`: a ``DLError`` becomes the `err` case, any
/// other error (a bad handle) traps the guest.
private func fallible(_ body: @escaping (Caller, [Value]) throws -> Value?) -> HostFunction {
    { caller, arguments in
        do {
            return .ok(try body(caller, arguments))
        } catch let error as DLError {
            return .err(error.componentValue)
        }
    }
}

extension Caller {
    /// The host object behind the handle `value` of resource type `type`.
    fileprivate func object<T: AnyObject>(_ value: Value, _ type: HostResourceType) throws -> T {
        // The resource table returns only objects stored under `type`, and each type stores one class.
        try object(of: value, as: type) as! T
    }

    fileprivate func allocation(_ value: Value, _ types: DLResourceTypes) throws -> DLAllocation {
        try object(value, types.alloc)
    }
}

extension Value {
    fileprivate func asString() throws(DLError) -> String {
        guard case .string(let string) = self else { throw unexpected("a string") }
        return string
    }

    fileprivate func asList() throws(DLError) -> [Value] {
        guard case .list(let values) = self else { throw unexpected("a list") }
        return values
    }

    fileprivate func asU8() throws(DLError) -> UInt8 {
        guard case .u8(let value) = self else { throw unexpected("a u8") }
        return value
    }

    fileprivate func asU32() throws(DLError) -> UInt32 {
        guard case .u32(let value) = self else { throw unexpected("a u32") }
        return value
    }

    fileprivate func asU64() throws(DLError) -> UInt64 {
        guard case .u64(let value) = self else { throw unexpected("a u64") }
        return value
    }

    private func unexpected(_ expected: String) -> DLError {
        DLError(.invalidArgument, "expected \(expected), got \(self)")
    }
}
