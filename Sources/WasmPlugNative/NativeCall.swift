import Foundation
import CWasmPlugPlugin

/// The memory of calls into a plugin from one store: arguments, results, and what the
/// plugin allocates for its results, and the error it reports.
///
/// One arena serves every call from its store (a native plugin cannot call back into the
/// guest, so calls never nest). ``end()`` frees everything the call allocated, so nothing
/// the plugin saw outlives the call; the fixed scratch space is kept for the next call.
final class NativeCall {
    // Unchecked exclusivity: a store makes one call at a time (calls never nest and a store is
    // used by one thread at a time), so no two accesses to these overlap; a checked access costs
    // as much as the rest of a scalar call's marshalling.
    @exclusivity(unchecked) private var scratch: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var scratchSize: Int
    @exclusivity(unchecked) private var blocks: [UnsafeMutableRawPointer] = []
    /// The message the plugin gave with `set_error`, if any.
    @exclusivity(unchecked) var errorMessage: String?

    init() {
        scratchSize = 256
        scratch = .allocate(byteCount: scratchSize, alignment: 16)
    }

    /// Zeroed space for a call's arguments and result, valid until ``end()``.
    func begin(argumentSize: Int, resultSize: Int) -> (arguments: UnsafeMutableRawPointer, result: UnsafeMutableRawPointer) {
        let resultOffset = NativeLayout.align(argumentSize, to: 16)
        let needed = resultOffset + max(resultSize, 1)
        if needed > scratchSize {
            scratch.deallocate()
            scratchSize = needed
            scratch = .allocate(byteCount: needed, alignment: 16)
        }
        scratch.initializeMemory(as: UInt8.self, repeating: 0, count: needed)
        return (scratch, scratch + resultOffset)
    }

    /// Zeroed memory until ``end()``.
    func allocate(size: Int, alignment: Int) -> UnsafeMutableRawPointer {
        let block = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: max(alignment, 1))
        block.initializeMemory(as: UInt8.self, repeating: 0, count: max(size, 1))
        blocks.append(block)
        return block
    }

    /// Frees what the call allocated and forgets its error.
    func end() {
        if !blocks.isEmpty {
            for block in blocks { block.deallocate() }
            blocks.removeAll(keepingCapacity: true)
        }
        if errorMessage != nil { errorMessage = nil }
    }

    deinit {
        end()
        scratch.deallocate()
    }

    /// The host table every plugin receives; its functions find the call through the
    /// opaque `wasmplug_call_t` pointer.
    nonisolated(unsafe) static let hostTable: UnsafeMutablePointer<wasmplug_host_t> = {
        let table = UnsafeMutablePointer<wasmplug_host_t>.allocate(capacity: 1)
        table.initialize(to: wasmplug_host_t(
            abi_version: UInt32(WASMPLUG_ABI_VERSION),
            size: UInt32(MemoryLayout<wasmplug_host_t>.size),
            alloc: { call, size, alignment in
                guard let call, size <= Int(Int32.max), alignment > 0, alignment & (alignment - 1) == 0 else { return nil }
                return NativeCall.from(call).allocate(size: size, alignment: alignment)
            },
            set_error: { call, message, length in
                guard let call, let message else { return }
                let bytes = UnsafeRawBufferPointer(start: message, count: length)
                NativeCall.from(call).errorMessage = String(decoding: bytes, as: UTF8.self)
            },
            log: { level, message, length in
                guard let message else { return }
                let text = String(decoding: UnsafeRawBufferPointer(start: message, count: length), as: UTF8.self)
                let label = ["error", "warning", "info", "debug"][Int(max(0, min(level, 3)))]
                FileHandle.standardError.write(Data("plugin \(label): \(text)\n".utf8))
            }))
        return table
    }()

    var opaque: OpaquePointer { OpaquePointer(Unmanaged.passUnretained(self).toOpaque()) }

    static func from(_ pointer: OpaquePointer) -> NativeCall {
        Unmanaged<NativeCall>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
    }
}
