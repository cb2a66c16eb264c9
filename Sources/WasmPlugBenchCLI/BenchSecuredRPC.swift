import WasmPlugBench
import WasmPlugCache
import WasmPlugHost
import WasmPlugCommandLine

extension Bench {
    /// RPC plugin calls over NATS beside a raw NATS request/reply of the same bytes, on one
    /// nats-server started for the run.
    func rpcOverNATS() throws {
        let nats = try NATSServerProcess()
        let benchmark = try RPCBenchmark(guest: GuestLoader.read("\(guests)/bench.wasm"))
        printLine("\nRPC plugin round trips over NATS (one connection, nats-server on loopback), best of rounds")
        let figures = try benchmark.overNATS(host: "127.0.0.1", port: nats.port, calls: 2000, payloadCalls: 20)
        for (label, small, large) in [("raw request/reply (floor)", figures.small.raw, figures.large.raw),
                                      ("RPC plugin", figures.small.rpc, figures.large.rpc)] {
            printLine(row("f(u32) -> u32 over nats, \(label)", small / 1000, small == figures.small.raw ? nil : small / figures.small.raw, unit: "us"))
            printLine(row("echo(string) 1 MiB over nats, \(label)", large / 1000, large == figures.large.raw ? nil : large / figures.large.raw,
                          unit: "us"))
        }
        withExtendedLifetime(nats) {}
    }

    /// RPC plugin calls over wrpc+tcp with mutual TLS beside the same in plaintext.
    func rpcOverTLS() throws {
        let benchmark = try RPCBenchmark(guest: GuestLoader.read("\(guests)/bench.wasm"))
        printLine("\nRPC plugin round trips over wrpc+tcp, mutual TLS beside plaintext (a handshake per call), best of rounds")
        let figures = try benchmark.overTLS(calls: 2000, payloadCalls: 20)
        for (label, small, large) in [("plaintext", figures.small.plaintext, figures.large.plaintext),
                                      ("mutual TLS", figures.small.tls, figures.large.tls)] {
            let isPlain = small == figures.small.plaintext
            printLine(row("f(u32) -> u32 over tcp, \(label)", small / 1000, isPlain ? nil : small / figures.small.plaintext, unit: "us"))
            printLine(row("echo(string) 1 MiB over tcp, \(label)", large / 1000, isPlain ? nil : large / figures.large.plaintext, unit: "us"))
        }
    }
}
