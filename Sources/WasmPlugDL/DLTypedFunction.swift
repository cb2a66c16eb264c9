import CWasmtime
import WasmPlugEngine
import WasmPlugProvider
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A typed native import: a WIT function bound to a C function, its types checked once when
/// linking and each call one prepared `ffi_call`, straight from the engine's values.
///
/// Pointers are host addresses (`u64`); a `string` is passed as a NUL-terminated copy and a
/// `list<u8>` as a pointer to a copy, both living for the call; a `string` result is copied out
/// of the memory the returned pointer designates. The component's linear memory is never
/// passed to native code.
final class DLTypedFunction {
    /// How one WIT value crosses to C.
    enum Crossing: Equatable {
        case scalar(CScalar)
        /// `string` as `cstring`.
        case string
        /// `list<u8>` as a `pointer` to a copy (parameters only).
        case bytes
    }

    /// `interface#function`, for messages.
    let name: String
    private let function: DLFunction
    private let parameters: [Crossing]
    private let result: Crossing?
    private let hasBuffers: Bool
    /// The result buffer comes first in a call's memory, then the arguments, then copies.
    private let argumentsStart: Int

    /// Checks `type` (the component's import) against the binding's C signature and prepares the call.
    init(name: String, type: FunctionType, function: DLFunction) throws(HostError) {
        let signature = function.signature
        func mismatch(_ detail: String) -> HostError {
            HostError("\(name): the component imports it as \(type), which does not match the C signature \(signature) "
                + "of \(function.symbol.name) in \(function.symbol.library.path) (\(detail)); see docs/wasi-dl.md for how WIT "
                + "types map to C types")
        }
        guard type.parameters.count == signature.parameters.count else {
            throw mismatch("\(type.parameters.count) parameters against \(signature.parameters.count)")
        }
        var parameters: [Crossing] = []
        for (parameter, cType) in zip(type.parameters, signature.parameters) {
            guard let crossing = Crossing(parameter.type, cType, isResult: false) else {
                throw mismatch("parameter \(parameter.name): \(parameter.type) cannot be passed as \(cType)")
            }
            parameters.append(crossing)
        }
        switch (type.result, signature.result) {
        case (nil, .void):
            result = nil
        case (let wit?, let cType):
            guard let crossing = Crossing(wit, cType, isResult: true) else {
                throw mismatch("the result: \(cType) cannot be returned as \(wit)")
            }
            result = crossing
        case (nil, let cType):
            throw mismatch("the C function returns \(cType), the WIT function nothing")
        }
        self.name = name
        self.function = function
        self.parameters = parameters
        hasBuffers = parameters.contains { $0 == .string || $0 == .bytes }
        argumentsStart = (function.resultBytes + 15) / 16 * 16
    }

    /// Calls the C function with the engine's `arguments`; writes the result into `slot`.
    /// `memory` is the calling store's: a typed import cannot call back into the guest, so
    /// calls from one store never overlap.
    func call(_ arguments: UnsafeMutableBufferPointer<wasmtime_component_val_t>,
              _ slot: UnsafeMutablePointer<wasmtime_component_val_t>?, memory: DLCallMemory) throws {
        var copies = 0
        if hasBuffers {
            for (index, parameter) in parameters.enumerated() {
                if parameter == .string { copies += arguments[index].of.string.size + 1 }
                if parameter == .bytes { copies += arguments[index].of.list.size }
            }
        }
        let copiesStart = argumentsStart + function.argumentBytes
        let base = memory.reserve(copiesStart + copies)
        try withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: max(parameters.count, 1)) { values in
            var copy = base + copiesStart
            for (index, parameter) in parameters.enumerated() {
                let place = base + argumentsStart + function.argumentOffsets[index]
                values[index] = place
                let argument = arguments[index].of
                switch parameter {
                case .scalar(let scalar):
                    try store(argument, as: scalar, at: place, index: index)
                case .string:
                    // glibc's memchr and memcpy are vectorised; its memccpy, which would do both in
                    // one pass, goes byte by byte (ten times slower for a 1 KiB string).
                    let count = argument.string.size
                    if count > 0, memchr(argument.string.data, 0, count) != nil {
                        throw WasmtimeError(.trap, "\(name): argument \(index) holds a NUL character, which a C string "
                            + "cannot: pass such bytes as list<u8>")
                    }
                    if count > 0 { memcpy(copy, argument.string.data, count) }
                    copy.storeBytes(of: 0, toByteOffset: count, as: UInt8.self)
                    place.storeBytes(of: copy, as: UnsafeMutableRawPointer.self)
                    copy += count + 1
                case .bytes:
                    let list = argument.list
                    for element in 0..<list.size { copy.storeBytes(of: list.data[element].of.u8, toByteOffset: element, as: UInt8.self) }
                    place.storeBytes(of: copy, as: UnsafeMutableRawPointer.self)
                    copy += list.size
                }
            }
            function.invoke(values.baseAddress!, result: base)
            if let result, let slot { try lower(result, from: base, into: slot) }
        }
    }

    private func store(_ value: wasmtime_component_valunion_t, as scalar: CScalar, at place: UnsafeMutableRawPointer, index: Int) throws {
        switch scalar {
        case .sint8: place.storeBytes(of: value.s8, as: Int8.self)
        case .uint8: place.storeBytes(of: value.u8, as: UInt8.self)
        case .sint16: place.storeBytes(of: value.s16, as: Int16.self)
        case .uint16: place.storeBytes(of: value.u16, as: UInt16.self)
        case .sint32: place.storeBytes(of: value.s32, as: Int32.self)
        case .uint32: place.storeBytes(of: value.u32, as: UInt32.self)
        case .sint64: place.storeBytes(of: value.s64, as: Int64.self)
        case .uint64: place.storeBytes(of: value.u64, as: UInt64.self)
        case .float: place.storeBytes(of: value.f32, as: Float.self)
        case .double: place.storeBytes(of: value.f64, as: Double.self)
        case .pointer:
            guard let address = UInt(exactly: value.u64) else {
                throw WasmtimeError(.trap, "\(name): argument \(index), 0x\(String(value.u64, radix: 16)), does not fit in a "
                    + "\(UInt.bitWidth)-bit pointer")
            }
            place.storeBytes(of: address, as: UInt.self)
        }
    }

    /// Writes what the C function returned (in libffi's result buffer) into the engine's slot.
    private func lower(_ result: Crossing, from memory: UnsafeRawPointer, into slot: UnsafeMutablePointer<wasmtime_component_val_t>) throws {
        guard case .scalar(let scalar) = result else {
            guard let pointer = memory.load(as: UnsafePointer<CChar>?.self) else {
                throw WasmtimeError(.trap, "\(name): \(function.symbol.name) returned NULL where the WIT function returns a string")
            }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            guard String(validating: bytes, as: UTF8.self) != nil else {
                throw WasmtimeError(.trap, "\(name): \(function.symbol.name) returned a string that is not UTF-8; return it as bytes")
            }
            slot.pointee.kind = UInt8(WASMTIME_COMPONENT_STRING)
            wasm_byte_vec_new(&slot.pointee.of.string, bytes.count, pointer)
            return
        }
        CScalarValue(returned: scalar, at: memory).payload.write(into: slot)
    }
}

extension DLTypedFunction.Crossing {
    /// How a value of WIT type `wit` crosses as the C type `c`; nil when it cannot.
    init?(_ wit: ValueType, _ c: CType, isResult: Bool) {
        switch (wit, c) {
        case (.s8, .scalar(.sint8)), (.u8, .scalar(.uint8)), (.s16, .scalar(.sint16)), (.u16, .scalar(.uint16)),
             (.s32, .scalar(.sint32)), (.u32, .scalar(.uint32)), (.s64, .scalar(.sint64)), (.u64, .scalar(.uint64)),
             (.u64, .scalar(.pointer)), (.f32, .scalar(.float)), (.f64, .scalar(.double)):
            guard case .scalar(let scalar) = c else { return nil }
            self = .scalar(scalar)
        case (.string, .cstring):
            self = .string
        case (.list(.u8), .scalar(.pointer)) where !isResult:
            self = .bytes
        default:
            return nil
        }
    }
}

/// The memory of one store's typed native calls: the result, the arguments and the copies of
/// strings and byte lists, reused from call to call and grown when a call needs more.
final class DLCallMemory {
    private var memory: UnsafeMutableRawPointer
    private var capacity: Int

    init() {
        capacity = 256
        memory = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { memory.deallocate() }

    /// At least `size` bytes, aligned to 16, valid until the next call.
    func reserve(_ size: Int) -> UnsafeMutableRawPointer {
        if size > capacity {
            memory.deallocate()
            capacity = max(size, capacity * 2)
            memory = .allocate(byteCount: capacity, alignment: 16)
        }
        return memory
    }

    /// The memory of the store `caller` calls from, made at its first typed call.
    static func of(_ caller: Caller) -> DLCallMemory {
        let key = ObjectIdentifier(DLCallMemory.self)
        if let memory = caller.state.state(of: key) { return unsafeDowncast(memory, to: DLCallMemory.self) }
        let memory = DLCallMemory()
        caller.state.extensions[key] = memory
        return memory
    }
}
