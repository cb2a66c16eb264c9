import FuzzSupport
import WasmPlugEngine
import WasmPlugWAVE
import WasmPlugWRPC

/// Values crossing between representations: the type check that guards every call into the
/// engine, WAVE text and the wRPC encoding. A value of a type must survive each round trip; a
/// value checked against another type must be refused, or else encode as that type too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let type = input.valueType()
    let otherType = input.valueType()
    guard let value = input.value(of: type) else {
        // No value for this type: the rest of the input is WAVE text to read as it.
        _ = try? WAVE.parse(String(decoding: input.rest(), as: UTF8.self), as: type)
        return 0
    }
    do {
        try value.check(against: type, path: "value")
    } catch {
        fuzzFailure("\(value) fails the check against its own type \(type): \(error)")
    }
    roundTrip(value, as: type)
    if (try? value.check(against: otherType, path: "value")) != nil { roundTrip(value, as: otherType) }
    _ = try? WAVE.parse(String(decoding: input.rest(), as: UTF8.self), as: type)
    return 0
}

/// `value`, which has type `type`, through WAVE and wRPC and back.
func roundTrip(_ value: Value, as type: ValueType) {
    let text = WAVE.format(value)
    do {
        let parsed = try WAVE.parse(text, as: type)
        guard parsed.isEquivalent(to: value) else { fuzzFailure("WAVE \(text) as \(type) reads back as \(parsed)") }
    } catch {
        fuzzFailure("WAVE \(text) of \(value) does not parse as \(type): \(error)")
    }
    var bytes: [UInt8] = []
    do {
        try WRPCEncoder.encode(value, as: type, into: &bytes)
    } catch {
        // Only types wRPC does not carry (empty records, tuples, flags; handles) are refused.
        if error.kind != .unsupportedType { fuzzFailure("wRPC cannot encode \(value) as \(type): \(error)") }
        return
    }
    var offset = 0
    do {
        let decoded = try WRPCDecoder().decode(type, from: bytes, at: &offset)
        guard decoded.isEquivalent(to: value), offset == bytes.count else {
            fuzzFailure("wRPC \(bytes) of \(value) as \(type) decodes as \(decoded), \(offset) bytes")
        }
    } catch {
        fuzzFailure("wRPC \(bytes) of \(value) as \(type) does not decode: \(error)")
    }
}
