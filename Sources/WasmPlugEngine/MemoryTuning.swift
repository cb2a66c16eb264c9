#if canImport(Glibc)
import Glibc
#endif

/// Process-wide tuning of the C allocator for hosts that move large values.
///
/// Every large value crossing a host call is copied into fresh buffers (Wasmtime lifts a guest
/// string into one, Swift reads it into another, wRPC frames it into a third). glibc serves
/// blocks over 128 KiB with `mmap` and hands freed memory at the top of its heaps back to the
/// system once more than a few MiB is free, so each such buffer is new memory that faults in
/// page by page: more than half of a 1 MiB echo's time on the project's machine (see
/// BENCHMARKS.md). Serving blocks of up to 32 MiB from the heaps, and keeping up to 8 MiB of
/// free memory in each, makes them reusable from one call to the next. (64 MiB kept per heap
/// was no faster, and a soak run's resident memory grew 4.5x with it.)
public enum MemoryTuning {
    /// Blocks up to this size come from the allocator's heaps rather than from `mmap`.
    public static let largeBlockLimit = 32 << 20
    /// Free memory a heap keeps rather than returning it to the system.
    public static let retainedFreeMemory = 8 << 20

    /// Applies the tuning to the whole process; returns whether the allocator took it (only
    /// glibc does). Call it once, early, from an executable's `main`, never from a library:
    /// `wasmplug` and the example RPC plugin servers do. The cost is memory the process keeps
    /// after large calls: at most ``retainedFreeMemory`` per allocator heap.
    @discardableResult
    public static func keepLargeBlocksInHeap() -> Bool {
        #if os(Linux)
        // glibc's mallopt, found at run time (RTLD_DEFAULT): Swift's Glibc module does not
        // include <malloc.h>, and a C library without it simply keeps its defaults.
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        return mallopt(mmapThreshold, Int32(largeBlockLimit)) == 1 && mallopt(trimThreshold, Int32(retainedFreeMemory)) == 1
        #else
        return false
        #endif
    }
}
