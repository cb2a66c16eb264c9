import ArgumentParser
import WasmPlugBench

/// The child process of the IPC floor (`IPCFloor`): a blocking echo on a Unix socket.
struct EchoPeer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo-peer", abstract: "Echo one connection on a Unix socket (the bench's IPC floor).", shouldDisplay: false)

    @Argument(help: "The Unix socket to listen on.")
    var socket: String

    func run() throws {
        try IPCFloor.serveEcho(at: socket)
    }
}
