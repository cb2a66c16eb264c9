"""hello.wasm: a WASI 0.2 command (world wasi:cli/command) written in Python.

Prints a greeting, its arguments after argv[0] (`arg: X`), $GREETING if set, the contents
of /data/input.txt if it exists, and exits with N when given --exit=N.
"""
import os
import sys

from wit_world import exports


class Run(exports.Run):
    def run(self) -> None:
        print("Hello from Python via WASI!")
        # sys.argv[0] is the program name the host passes (wasmtime: the file name as given).
        for argument in sys.argv[1:]:
            print("arg: " + argument)
        if "GREETING" in os.environ:
            print("GREETING=" + os.environ["GREETING"])
        try:
            with open("/data/input.txt") as f:
                print("file: " + f.read().rstrip("\n"))
        except OSError:
            pass
        sys.stdout.flush()
        for argument in sys.argv[1:]:
            if argument.startswith("--exit="):
                # WASI 0.2's wasi:cli/exit carries only ok/err: any N other than 0 exits 1.
                sys.exit(int(argument[len("--exit="):]))
