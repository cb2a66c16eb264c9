import CFFI

/// The engine-independent wasi:dl host: opens libraries the policy allows, and owns the
/// memory it hands to the guest.
///
/// One host serves one store, so it is used from one thread at a time.
public final class DLHost {
    public let policy: DLPolicy
    /// The allocations alive in this host: the only memory read and write APIs touch.
    let allocations = AllocationRegistry()

    public init(policy: DLPolicy) {
        self.policy = policy
    }

    /// How many allocations are alive (neither freed nor dropped).
    public var liveAllocations: Int { allocations.count }

    /// The platform's prefix of shared library file names.
    public static let libraryPrefix = "lib"

    /// The platform's extension of shared library file names.
    #if canImport(Darwin)
    public static let librarySuffix = ".dylib"
    #else
    public static let librarySuffix = ".so"
    #endif

    /// The file name of the library called `base` on this platform: `z` → `libz.so`.
    public static func libraryName(_ base: String) -> String { libraryPrefix + base + librarySuffix }

    /// Opens the library at `path` (a path, or a file name the dynamic loader searches for)
    /// when the policy allows exactly that string.
    public func open(_ path: String, flags: DLOpenFlags = []) throws(DLError) -> DLLibrary {
        let rule = try policy.library(path)
        return try DLLibrary(path: path, mode: flags.mode(), rule: rule, policy: policy)
    }

    /// Zeroed host memory laid out as a struct of `fields` (scalars or flat structs), as libffi
    /// lays out such a struct.
    public func allocate(fields: [CType]) throws(DLError) -> DLAllocation {
        var types: [FFIType] = []
        for (index, field) in fields.enumerated() {
            switch field {
            case .void, .cstring:
                throw DLError(.invalidSignature, "field \(index) of an allocation cannot be \(field); "
                    + "store strings as pointer fields")
            case .scalar, .structure:
                types.append(try FFIType(field))
            }
        }
        let layout = try FFIStruct(fields: types.map(\.raw), members: types.compactMap(\.structure))
        return try DLAllocation(size: layout.size, fields: types, layout: layout, registry: allocations)
    }

    /// `size` zeroed bytes of host memory, aligned for any C scalar.
    public func allocate(size: UInt64) throws(DLError) -> DLAllocation {
        guard size > 0, let byteCount = Int(exactly: size) else {
            throw DLError(.invalidArgument, "cannot allocate \(size) bytes: the size must be between 1 and \(Int.max)")
        }
        return try DLAllocation(size: byteCount, fields: [], layout: nil, registry: allocations)
    }
}

/// How `library.open` loads a library: `dlopen`'s mode bits.
public struct DLOpenFlags: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Resolve functions when first called.
    public static let lazy = DLOpenFlags(rawValue: 1 << 0)
    /// Resolve every symbol when the library is opened (the default).
    public static let now = DLOpenFlags(rawValue: 1 << 1)
    /// Make the library's symbols available to libraries opened later.
    public static let global = DLOpenFlags(rawValue: 1 << 2)
    /// Keep the library's symbols to itself (the default).
    public static let local = DLOpenFlags(rawValue: 1 << 3)

    /// The `dlopen` mode; contradictory flags are an `invalid-argument` error.
    func mode() throws(DLError) -> Int32 {
        if contains([.lazy, .now]) { throw DLError(.invalidArgument, "flags lazy and now exclude each other") }
        if contains([.global, .local]) { throw DLError(.invalidArgument, "flags global and local exclude each other") }
        return (contains(.lazy) ? RTLD_LAZY : RTLD_NOW) | (contains(.global) ? RTLD_GLOBAL : RTLD_LOCAL)
    }
}
