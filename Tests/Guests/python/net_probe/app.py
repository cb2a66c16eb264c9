"""net-probe.wasm: a WASI 0.2 command. With a port as its one argument, it connects to
127.0.0.1:PORT over TCP, sends "ping" and prints "received: " and the peer's answer, or
"refused: " and the error: the network is off, so the connection is refused. With
`resolve NAME`, it looks NAME up (wasi:sockets/ip-name-lookup) and prints "resolved: " and the
addresses, or "unresolved: " and the error: off unless -S allow-ip-name-lookup."""
import socket
import sys

from wit_world import exports


class Run(exports.Run):
    def run(self) -> None:
        if sys.argv[1] == "resolve":
            self.resolve(sys.argv[2])
        else:
            self.connect(int(sys.argv[1]))
        sys.stdout.flush()

    def resolve(self, name: str) -> None:
        try:
            # As bytes: a str would be IDNA-encoded, and the bundled library has no idna codec.
            found = socket.getaddrinfo(name.encode(), 80, type=socket.SOCK_STREAM)
            print("resolved: " + " ".join(sorted({entry[4][0] for entry in found})))
        except OSError as error:
            print("unresolved: " + str(error))

    def connect(self, port: int) -> None:
        try:
            connection = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            connection.connect(("127.0.0.1", port))
            connection.sendall(b"ping\n")
            print("received: " + connection.recv(64).decode().strip())
            connection.close()
        except OSError as error:
            print("refused: " + str(error))
