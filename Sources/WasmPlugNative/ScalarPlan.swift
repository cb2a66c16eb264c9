import CWasmtime
import WasmPlugEngine

/// The fast path for functions whose parameters and result are all scalars (numbers, bool,
/// char) or strings: a flat list of offsets and kinds worked out once, instead of walking
/// types per call. Strings are borrowed in, and copied out once after a UTF-8 check.
struct ScalarPlan {
    enum Kind {
        case bool, s8, u8, s16, u16, s32, u32, s64, u64, f32, f64, char, string

        init?(_ type: ValueType) {
            switch type {
            case .bool: self = .bool
            case .s8: self = .s8
            case .u8: self = .u8
            case .s16: self = .s16
            case .u16: self = .u16
            case .s32: self = .s32
            case .u32: self = .u32
            case .s64: self = .s64
            case .u64: self = .u64
            case .f32: self = .f32
            case .f64: self = .f64
            case .char: self = .char
            case .string: self = .string
            default: return nil
            }
        }
    }

    let parameters: [(offset: Int, kind: Kind)]
    let result: Kind?

    /// A plan when every parameter and the result are scalars.
    init?(_ type: FunctionType, parameterOffsets: [Int]) {
        var parameters: [(offset: Int, kind: Kind)] = []
        for (parameter, offset) in zip(type.parameters, parameterOffsets) {
            guard let kind = Kind(parameter.type) else { return nil }
            parameters.append((offset, kind))
        }
        if let result = type.result {
            guard let kind = Kind(result) else { return nil }
            self.result = kind
        } else {
            self.result = nil
        }
        self.parameters = parameters
    }

    func encode(_ arguments: UnsafeMutableBufferPointer<CValue>, into memory: UnsafeMutableRawPointer) {
        for (index, parameter) in parameters.enumerated() {
            let of = arguments[index].of, destination = memory + parameter.offset
            switch parameter.kind {
            case .bool: destination.storeBytes(of: of.boolean ? 1 : 0, as: UInt8.self)
            case .s8: destination.storeBytes(of: of.s8, as: Int8.self)
            case .u8: destination.storeBytes(of: of.u8, as: UInt8.self)
            case .s16: destination.storeBytes(of: of.s16, as: Int16.self)
            case .u16: destination.storeBytes(of: of.u16, as: UInt16.self)
            case .s32: destination.storeBytes(of: of.s32, as: Int32.self)
            case .u32: destination.storeBytes(of: of.u32, as: UInt32.self)
            case .s64: destination.storeBytes(of: of.s64, as: Int64.self)
            case .u64: destination.storeBytes(of: of.u64, as: UInt64.self)
            case .f32: destination.storeBytes(of: of.f32, as: Float.self)
            case .f64: destination.storeBytes(of: of.f64, as: Double.self)
            case .char: destination.storeBytes(of: of.character, as: UInt32.self)
            case .string: storeSpan(UnsafeRawPointer(of.string.data), of.string.size, at: destination)
            }
        }
    }

    /// Writes the scalar result into the engine's slot; nil when the plugin's bool or char is invalid.
    func decodeResult(_ kind: Kind, from memory: UnsafeRawPointer, into slot: UnsafeMutablePointer<CValue>) -> String? {
        switch kind {
        case .bool:
            let byte = memory.load(as: UInt8.self)
            guard byte <= 1 else { return "bool \(byte)" }
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_BOOL); slot.pointee.of.boolean = byte == 1
        case .s8: slot.pointee.kind = UInt8(WASMTIME_COMPONENT_S8); slot.pointee.of.s8 = memory.load(as: Int8.self)
        case .u8: slot.pointee.kind = UInt8(WASMTIME_COMPONENT_U8); slot.pointee.of.u8 = memory.load(as: UInt8.self)
        case .s16: slot.pointee.kind = UInt8(WASMTIME_COMPONENT_S16); slot.pointee.of.s16 = memory.load(as: Int16.self)
        case .u16: slot.pointee.kind = UInt8(WASMTIME_COMPONENT_U16); slot.pointee.of.u16 = memory.load(as: UInt16.self)
        case .s32: slot.pointee.kind = UInt8(WASMTIME_COMPONENT_S32); slot.pointee.of.s32 = memory.load(as: Int32.self)
        case .u32: slot.pointee.kind = UInt8(WASMTIME_COMPONENT_U32); slot.pointee.of.u32 = memory.load(as: UInt32.self)
        case .s64: slot.pointee.kind = UInt8(WASMTIME_COMPONENT_S64); slot.pointee.of.s64 = memory.load(as: Int64.self)
        case .u64: slot.pointee.kind = UInt8(WASMTIME_COMPONENT_U64); slot.pointee.of.u64 = memory.load(as: UInt64.self)
        case .f32: slot.pointee.kind = UInt8(WASMTIME_COMPONENT_F32); slot.pointee.of.f32 = memory.load(as: Float.self)
        case .f64: slot.pointee.kind = UInt8(WASMTIME_COMPONENT_F64); slot.pointee.of.f64 = memory.load(as: Double.self)
        case .char:
            let code = memory.load(as: UInt32.self)
            guard Unicode.Scalar(code) != nil else { return "char U+\(String(code, radix: 16))" }
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_CHAR); slot.pointee.of.character = code
        case .string:
            let pointer = memory.load(as: UnsafePointer<UInt8>?.self)
            let count = memory.load(fromByteOffset: 8, as: Int.self)
            guard count >= 0, count <= NativeDecoder.maximumCount, count == 0 || pointer != nil else {
                return "string (null pointer or length \(count))"
            }
            let bytes = UnsafeBufferPointer(start: pointer, count: count)
            guard Self.isValidUTF8(bytes) else { return "string (not UTF-8)" }
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_STRING)
            wasm_byte_vec_new(&slot.pointee.of.string, count, pointer)
        }
        return nil
    }

    /// ASCII is checked a word at a time; anything else by Swift's own validation.
    private static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while index + 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                return String(validating: bytes, as: UTF8.self) != nil
            }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return String(validating: bytes, as: UTF8.self) != nil }
            index += 1
        }
        return true
    }
}
