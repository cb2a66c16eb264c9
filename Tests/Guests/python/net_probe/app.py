"""net-probe.wasm: a WASI 0.2 command that connects to 127.0.0.1:PORT (its one argument) over
TCP, sends "ping" and prints "received: " and the peer's answer, or "refused: " and the error.
The network is off: the connection is refused (and -S inherit-network with it)."""
import socket
import sys

from wit_world import exports


class Run(exports.Run):
    def run(self) -> None:
        try:
            connection = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            connection.connect(("127.0.0.1", int(sys.argv[1])))
            connection.sendall(b"ping\n")
            print("received: " + connection.recv(64).decode().strip())
            connection.close()
        except OSError as error:
            print("refused: " + str(error))
        sys.stdout.flush()
