import os
import sys

from wit_world import exports


class Run(exports.Run):
    def run(self) -> None:
        print("Hello from Python via WASI!")
        for argument in sys.argv[1:]:
            print("arg: " + argument)
        if "GREETING" in os.environ:
            print("GREETING=" + os.environ["GREETING"])
        try:
            with open("/data/input.txt") as f:
                print("file: " + f.read().strip())
        except OSError:
            pass
        for argument in sys.argv[1:]:
            if argument.startswith("--exit="):
                sys.stdout.flush()
                sys.exit(int(argument[len("--exit="):]))
