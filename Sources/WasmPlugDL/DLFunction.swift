import CFFI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A native function with a C signature, prepared for libffi calls.
public final class DLFunction {
    public let symbol: DLSymbol
    public let signature: CSignature
    private let parameters: [FFIType]
    private let result: FFIType
    private let cif: UnsafeMutablePointer<ffi_cif>
    private let parameterTypes: UnsafeMutablePointer<UnsafeMutablePointer<ffi_type>?>
    /// Where each argument goes in a call's argument buffer, and the buffer's size.
    let argumentOffsets: [Int]
    let argumentBytes: Int

    /// Prepares calls to `symbol` with `signature`, after the policy's check of the signature.
    public init(symbol: DLSymbol, signature: CSignature) throws(DLError) {
        try symbol.library.policy.checkSignature(signature, of: symbol.name, in: symbol.library.rule)
        var parameters: [FFIType] = []
        for (index, parameter) in signature.parameters.enumerated() {
            guard parameter != .void else { throw DLError(.invalidSignature, "parameter \(index) of \(symbol.name) cannot be void") }
            parameters.append(try FFIType(parameter))
        }
        self.symbol = symbol
        self.signature = signature
        self.parameters = parameters
        result = try FFIType(signature.result)
        var offsets: [Int] = [], end = 0
        for parameter in parameters {
            let alignment = max(parameter.alignment, 1)
            let offset = (end + alignment - 1) / alignment * alignment
            offsets.append(offset)
            end = offset + parameter.size
        }
        argumentOffsets = offsets
        argumentBytes = end
        // Allocated last: an initializer that throws before every property is set never runs deinit.
        cif = .allocate(capacity: 1)
        parameterTypes = .allocate(capacity: max(parameters.count, 1))
        for (index, parameter) in parameters.enumerated() { (parameterTypes + index).initialize(to: parameter.raw) }
        let status = ffi_prep_cif(cif, FFI_DEFAULT_ABI, UInt32(parameters.count), result.raw, parameterTypes)
        guard status == FFI_OK else {
            // Every property is set by now, so deinit runs and frees cif and parameterTypes.
            throw DLError(.invalidSignature, "libffi cannot call \(symbol.name) with the signature \(signature) (status \(status.rawValue))")
        }
    }

    /// The size of a call's result buffer: libffi widens small results to `ffi_arg`.
    var resultBytes: Int { max(result.size, MemoryLayout<ffi_arg>.size) }

    /// The prepared `ffi_call`: `values` points to each argument, `result` has ``resultBytes``.
    func invoke(_ values: UnsafeMutablePointer<UnsafeMutableRawPointer?>, result: UnsafeMutableRawPointer) {
        ffi_call(cif, unsafeBitCast(symbol.address, to: (@convention(c) () -> Void).self), result, values)
    }

    deinit {
        cif.deallocate()
        parameterTypes.deallocate()
    }

    /// Calls the function. Each argument must have its parameter's type; pointers are passed
    /// as they are (the component is trusted), strings as NUL-terminated copies that live
    /// for the call.
    public func call(_ arguments: [CValue]) throws(DLError) -> CValue {
        guard arguments.count == parameters.count else {
            throw DLError(.invalidArgument, "\(symbol.name) takes \(parameters.count) arguments (\(signature)), got \(arguments.count)")
        }
        for (index, (argument, parameter)) in zip(arguments, parameters).enumerated() {
            try argument.check(against: parameter.type, what: "argument \(index) of \(symbol.name)")
        }
        let storage = UnsafeMutableRawPointer.allocate(byteCount: max(argumentBytes, 1), alignment: 16)
        let values = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: max(parameters.count, 1))
        let resultStorage = UnsafeMutableRawPointer.allocate(byteCount: resultBytes, alignment: 16)
        var strings: [UnsafeMutablePointer<CChar>?] = []
        defer {
            strings.forEach { free($0) }
            storage.deallocate()
            values.deallocate()
            resultStorage.deallocate()
        }
        for (index, argument) in arguments.enumerated() {
            let slot = storage + argumentOffsets[index]
            values[index] = slot
            guard case .cstring(let string) = argument else {
                parameters[index].store(argument, to: slot)
                continue
            }
            let copy = string.map { strdup($0) } ?? nil
            if string != nil, copy == nil { throw DLError(.other, "out of memory copying argument \(index) of \(symbol.name)") }
            strings.append(copy)
            slot.storeBytes(of: copy, as: UnsafeMutablePointer<CChar>?.self)
        }
        invoke(values, result: resultStorage)
        if case .scalar(let scalar) = result.type { return .scalar(CScalarValue(returned: scalar, at: resultStorage)) }
        return result.load(from: resultStorage)
    }
}
