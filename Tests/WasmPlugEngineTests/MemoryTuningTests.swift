import WasmPlugEngine
import XCTest

final class MemoryTuningTests: XCTestCase {
    /// glibc's mallopt is found and accepts both settings (it refuses an unknown parameter, or
    /// an mmap threshold above its 32 MiB maximum, by returning 0).
    func testGlibcTakesTheTuning() {
        #if os(Linux)
        XCTAssertTrue(MemoryTuning.keepLargeBlocksInHeap())
        #else
        XCTAssertFalse(MemoryTuning.keepLargeBlocksInHeap())
        #endif
    }
}
