import Dispatch

/// Nanoseconds per call of `first` and of `second` (each makes `calls` calls), best of
/// `rounds` each, their rounds taking turns: a figure and its floor see the same machine, however
/// its load changes during the run.
func bestSideBySide(rounds: Int, calls: UInt32, _ first: () throws -> Void, _ second: () throws -> Void) rethrows -> (Double, Double) {
    var fastest = (Double.infinity, Double.infinity)
    for _ in 0..<rounds {
        fastest.0 = min(fastest.0, try best(of: 1, calls: calls, first))
        fastest.1 = min(fastest.1, try best(of: 1, calls: calls, second))
    }
    return fastest
}

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
