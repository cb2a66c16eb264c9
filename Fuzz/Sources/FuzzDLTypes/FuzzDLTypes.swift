import FuzzSupport
import WasmPlugDL

/// The wasi:dl type descriptions on hostile input: signature text, policy files, libffi struct
/// layouts and the bounds-checked allocation API built on them. Nothing is ever called.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let mode = input.byte()
    let text = String(decoding: input.rest(), as: UTF8.self)
    switch mode % 3 {
    case 0: checkSignature(text)
    case 1: checkPolicy(text)
    default: checkAllocation(FuzzInput(Array(input.bytes.dropFirst())))
    }
    return 0
}

/// A signature that parses must print back to text that parses to the same signature, and its
/// types must lay out and prepare for a call.
func checkSignature(_ text: String) {
    guard let signature = try? CSignature(parsing: text) else { return }
    guard let again = try? CSignature(parsing: signature.description), again == signature else {
        fuzzFailure("signature \(signature) does not read back")
    }
    prepare(signature)
    let fields = signature.parameters + [signature.result]
    if let allocation = try? host.allocate(fields: fields) {
        exercise(allocation, fieldCount: fields.count, input: FuzzInput(Array(text.utf8)))
    }
}

/// Every signature a policy pins must prepare like one given in code.
func checkPolicy(_ text: String) {
    guard let policy = try? DLPolicy(parsing: text, file: "fuzz.toml") else { return }
    for library in policy.libraries {
        if library.path.isEmpty { fuzzFailure("a policy library with an empty path") }
        for signature in library.signatures.values { prepare(signature) }
    }
}

/// Allocations by size and by layout, read and written at offsets from the input.
func checkAllocation(_ input: FuzzInput) {
    var input = input
    let fields = (0..<input.int(below: 6)).map { _ in input.cType() }
    let allocation = input.bool() ? try? host.allocate(size: input.bits(2)) : try? host.allocate(fields: fields)
    if let allocation { exercise(allocation, fieldCount: fields.count, input: input) }
}
