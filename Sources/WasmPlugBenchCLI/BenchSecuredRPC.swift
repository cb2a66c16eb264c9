import WasmPlugBench
import WasmPlugCache
import WasmPlugCommandLine
import WasmPlugHost

extension Bench {
    /// RPC plugin calls over NATS beside a raw NATS request/reply of the same bytes, on one
    /// nats-server started for the run.
    func rpcOverNATS() throws {
        let nats = try NATSServerProcess()
        let benchmark = try RPCBenchmark(guest: GuestLoader.read("\(guests)/bench.wasm"))
        printLine("\nRPC plugin round trips over NATS (one connection, nats-server on loopback), best of rounds")
        let figures = try benchmark.overNATS(host: "127.0.0.1", port: nats.port, calls: 2000, payloadCalls: 20)
        printPairs([("f(u32) -> u32 over nats", figures.small.raw, figures.small.rpc)],
                   floor: "raw request/reply (floor)", measured: "RPC plugin")
        printPairs([("f(u32) -> u32 over nats", figures.smallNonBlocking.raw, figures.smallNonBlocking.rpc)],
                   floor: "raw request/reply again", measured: "RPC plugin, non-blocking handler")
        printPairs([("echo(string) 1 MiB over nats", figures.large.raw, figures.large.rpc)],
                   floor: "raw request/reply (floor)", measured: "RPC plugin")
        withExtendedLifetime(nats) {}
    }

    /// RPC plugin calls over wrpc+tcp with mutual TLS beside the same in plaintext.
    func rpcOverTLS() throws {
        let benchmark = try RPCBenchmark(guest: GuestLoader.read("\(guests)/bench.wasm"))
        printLine("\nRPC plugin round trips over wrpc+tcp, mutual TLS beside plaintext (a handshake per call), best of rounds")
        let figures = try benchmark.overTLS(calls: 500, payloadCalls: 20)
        printPairs([("f(u32) -> u32 over tcp", figures.small.plaintext, figures.small.tls),
                    ("echo(string) 1 MiB over tcp", figures.large.plaintext, figures.large.tls)],
                   floor: "plaintext", measured: "mutual TLS")
    }

    /// Each call's floor, then the call with its ratio to that floor, in microseconds.
    private func printPairs(_ pairs: [(call: String, floor: Double, measured: Double)], floor: String, measured: String) {
        for pair in pairs {
            printLine(row("\(pair.call), \(floor)", pair.floor / 1000, nil, unit: "us"))
            printLine(row("\(pair.call), \(measured)", pair.measured / 1000, pair.measured / pair.floor, unit: "us"))
        }
    }
}
