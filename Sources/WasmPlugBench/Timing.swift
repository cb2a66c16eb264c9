import Dispatch

/// Nanoseconds per call of `body`, which makes `calls` calls, best of `rounds`.
func best(of rounds: Int, calls: UInt32, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(calls))
    }
    return best
}
