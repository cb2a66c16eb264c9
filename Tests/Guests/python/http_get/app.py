"""http-get.wasm: a WASI 0.2 command that GETs http://AUTHORITY/PATH (its two arguments)
through wasi:http/outgoing-handler and prints the status and the body, or "failed: " and the
error code."""
import sys

from componentize_py_types import Err, Ok
from wit_world import exports
from wit_world.imports import outgoing_handler, streams, types


class Run(exports.Run):
    def run(self) -> None:
        authority, path = sys.argv[1], sys.argv[2]
        request = types.OutgoingRequest(types.Fields())
        request.set_method(types.Method_Get())
        request.set_scheme(types.Scheme_Http())
        request.set_authority(authority)
        request.set_path_with_query(path)
        try:
            future = outgoing_handler.handle(request, None)
        except Err as error:
            print("failed: " + str(error.value))
            return
        with future.subscribe() as pollable:
            pollable.block()
        outcome = future.get()
        response = outcome.value if isinstance(outcome, Ok) else outcome
        if isinstance(response, Err):
            print("failed: " + str(response.value))
            sys.stdout.flush()
            return
        response = response.value
        print("status: " + str(response.status()))
        body = response.consume()
        with body.stream() as stream:
            chunks = []
            while True:
                try:
                    chunks.append(stream.blocking_read(65536))
                except Err as error:
                    if isinstance(error.value, streams.StreamError_Closed):
                        break
                    raise
        print(b"".join(chunks).decode(), end="")
        sys.stdout.flush()
