import CWasmtime

/// A core WebAssembly value type.
public enum CoreValueType: String, Sendable, Equatable {
    case i32, i64, f32, f64, v128, externref, funcref
    case other = "?"

    init(_ kind: wasm_valkind_t) {
        switch Int(kind) {
        case WASM_I32: self = .i32
        case WASM_I64: self = .i64
        case WASM_F32: self = .f32
        case WASM_F64: self = .f64
        case WASM_V128: self = .v128
        case WASM_EXTERNREF: self = .externref
        case WASM_FUNCREF: self = .funcref
        default: self = .other
        }
    }
}

/// A core function's parameter and result types.
public struct CoreFunctionType: Sendable, Equatable, CustomStringConvertible {
    public var parameters: [CoreValueType]
    public var results: [CoreValueType]

    init(reading type: OpaquePointer) {
        func kinds(_ vector: UnsafePointer<wasm_valtype_vec_t>) -> [CoreValueType] {
            (0..<vector.pointee.size).map { CoreValueType(wasm_valtype_kind(vector.pointee.data[$0])) }
        }
        parameters = kinds(wasm_functype_params(type))
        results = kinds(wasm_functype_results(type))
    }

    /// As WAT's `func (param i32 i32) (result i32)` reads, written `func(i32, i32) -> i32`.
    public var description: String {
        let parameters = "func(\(parameters.map(\.rawValue).joined(separator: ", ")))"
        switch results.count {
        case 0: return parameters
        case 1: return "\(parameters) -> \(results[0].rawValue)"
        default: return "\(parameters) -> (\(results.map(\.rawValue).joined(separator: ", ")))"
        }
    }
}

/// What a core module imports or exports.
public enum CoreItemType: Sendable, Equatable, CustomStringConvertible {
    case function(CoreFunctionType)
    case global, table, memory, other

    init(reading type: OpaquePointer) {
        switch Int(wasm_externtype_kind(type)) {
        case WASM_EXTERN_FUNC: self = .function(CoreFunctionType(reading: wasm_externtype_as_functype_const(type)!))
        case WASM_EXTERN_GLOBAL: self = .global
        case WASM_EXTERN_TABLE: self = .table
        case WASM_EXTERN_MEMORY: self = .memory
        default: self = .other
        }
    }

    public var description: String {
        switch self {
        case .function(let type): type.description
        case .global: "global"
        case .table: "table"
        case .memory: "memory"
        case .other: "item"
        }
    }
}

/// One import of a core module: `wasi_snapshot_preview1::fd_write`.
public struct CoreImport: Sendable, Equatable {
    public var module: String
    public var name: String
    public var type: CoreItemType
}

/// One export of a core module.
public struct CoreExport: Sendable, Equatable {
    public var name: String
    public var type: CoreItemType
}
