import CWasmtime

/// A host function that reads its arguments where the engine holds them and writes its result
/// into the engine's slot: for hosts that pass large strings on (to a socket, say) without
/// making Swift copies of them. `result` is nil when the function has no result; when it has
/// one, the function must fill it or throw.
package typealias BorrowedHostFunction = (Caller, BorrowedArguments, ResultSlot?) throws -> Void

/// A host call's arguments, lifted and validated by Wasmtime and borrowed for the call.
package struct BorrowedArguments {
    let raw: UnsafeMutableBufferPointer<CValue>
    let state: StoreState

    /// The argument at `index`, copied into a ``Value``.
    package func value(at index: Int) -> Value {
        Value(reading: raw.baseAddress! + index, store: state)
    }

    /// The UTF-8 of the argument at `index` when it is a string (valid UTF-8: Wasmtime checked
    /// it), in the engine's memory. Valid only until the host function returns.
    package func utf8(at index: Int) -> UnsafeRawBufferPointer? {
        let argument = raw[index]
        guard Int(argument.kind) == WASMTIME_COMPONENT_STRING else { return nil }
        return UnsafeRawBufferPointer(start: argument.of.string.data, count: argument.of.string.size)
    }
}

/// Where a host function leaves its result, in memory the engine frees.
package struct ResultSlot {
    let slot: UnsafeMutablePointer<CValue>
    let state: StoreState

    /// Writes `value`; throws, writing nothing, for a resource of another store.
    package func write(_ value: Value) throws(WasmtimeError) {
        try value.checkWritable(to: state)
        value.write(into: slot)
    }

    /// Writes a string from `utf8` with one copy and no Swift `String` between. The bytes are
    /// checked first: the engine aborts the process on a string that is not UTF-8, so
    /// invalid bytes throw, writing nothing, with the offset of the first bad one.
    package func writeString(utf8 bytes: UnsafeRawBufferPointer) throws(WasmtimeError) {
        let units = UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        do throws(UTF8.ValidationError) {
            _ = try UTF8Span(validating: units.span)
        } catch {
            throw WasmtimeError(.trap, "the string is not UTF-8 (byte \(error.byteOffsets.lowerBound) of \(bytes.count))")
        }
        slot.pointee.kind = UInt8(WASMTIME_COMPONENT_STRING)
        if let start = units.baseAddress, !units.isEmpty {
            wasm_byte_vec_new(&slot.pointee.of.string, units.count, start)
        } else {
            wasm_byte_vec_new_uninitialized(&slot.pointee.of.string, 0)
        }
    }
}

extension LinkerInstance {
    /// Defines the function `name` over the engine's own values (``BorrowedHostFunction``).
    package func function(_ name: String, borrowing body: @escaping BorrowedHostFunction) throws(WasmtimeError) {
        try rawFunction(name) { caller, arguments, result in
            try body(caller, BorrowedArguments(raw: arguments, state: caller.state), result.map { ResultSlot(slot: $0, state: caller.state) })
        }
    }
}
