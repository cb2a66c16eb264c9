import FuzzSupport

// libFuzzer takes over the process: its options (-max_total_time=, -runs=, a corpus directory
// or inputs to replay) come from the command line. It never passes a NULL buffer.
runFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
