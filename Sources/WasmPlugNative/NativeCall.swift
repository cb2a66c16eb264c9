import Foundation
import CWasmPlugPlugin

/// One call into a plugin: the memory it borrows or allocates, and the error it reports.
///
/// Everything allocated here is freed when the call ends, so nothing the plugin saw outlives
/// the call.
final class NativeCall {
    private var blocks: [UnsafeMutableRawPointer] = []
    /// The message the plugin gave with `set_error`, if any.
    var errorMessage: String?

    /// Zeroed memory for the duration of the call.
    func allocate(size: Int, alignment: Int) -> UnsafeMutableRawPointer {
        let block = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: max(alignment, 1))
        block.initializeMemory(as: UInt8.self, repeating: 0, count: max(size, 1))
        blocks.append(block)
        return block
    }

    deinit {
        for block in blocks { block.deallocate() }
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
