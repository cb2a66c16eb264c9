"""dl-smoke.wasm: calls libc and zlib through wasi:dl and returns a transcript.

The host's policy (set by the test) allows libc.so.6 and libz.so.1 only.
"""
from componentize_py_types import Err
import wit_world
from wit_world.imports import dl


def error_line(label, call):
    try:
        call()
        return f"{label}: no error"
    except Err as error:
        return f"{label}: {type(error.value).__name__} {error.value.value}"


class WitWorld(wit_world.WitWorld):
    def run(self) -> list[str]:
        lines = [f"library-name: {dl.library_name('z')}"]
        libc = dl.Library.open("libc.so.6", dl.OpenFlags.NOW)
        sint32 = dl.CType_Sint32()

        abs_ = dl.Function.create(libc.symbol("abs"), [sint32], sint32)
        lines.append(f"abs(-5): {abs_.call([dl.CValue_Sint32(-5)])}")

        strlen = dl.Function.create(libc.symbol("strlen"), [dl.CType_Cstring()], dl.CType_Uint64())
        lines.append(f"strlen: {strlen.call([dl.CValue_Cstring('wasi:dl')])}")

        pair = dl.CType_Structure([dl.ScalarType.SINT32, dl.ScalarType.SINT32])
        div = dl.Function.create(libc.symbol("div"), [sint32, sint32], pair)
        lines.append(f"div(17, 5): {div.call([dl.CValue_Sint32(17), dl.CValue_Sint32(5)])}")

        zlib = dl.Library.open("libz.so.1", dl.OpenFlags(0))
        data = dl.Alloc.with_size(5)
        data.write_bytes(0, b"hello")
        crc32 = dl.Function.create(zlib.symbol("crc32"), [dl.CType_Uint64(), dl.CType_Pointer(), dl.CType_Uint32()],
                                   dl.CType_Uint64())
        crc = crc32.call([dl.CValue_Uint64(0), dl.CValue_Pointer(data.address()), dl.CValue_Uint32(5)])
        lines.append(f"crc32: {crc.value:#x}")
        lines.append(f"read-bytes: {data.read_bytes(1, 3)!r}")

        fields = dl.Alloc.with_layout([dl.CType_Uint8(), dl.CType_Double()])
        fields.write(1, dl.CValue_Double(2.5))
        lines.append(f"layout: size {fields.size()}, field 1 {fields.read(1)}")

        lines.append(error_line("open /x/y.so", lambda: dl.Library.open("/x/y.so", dl.OpenFlags(0))))
        lines.append(error_line("missing symbol", lambda: libc.symbol("no_such_symbol")))
        lines.append(error_line("void parameter", lambda: dl.Function.create(libc.symbol("abs"), [dl.CType_Void()], sint32)))
        lines.append(error_line("wrong argument", lambda: abs_.call([dl.CValue_Double(1.0)])))
        lines.append(error_line("past the end", lambda: data.read_bytes(3, 3)))
        data.free()
        lines.append(error_line("after free", lambda: data.read_bytes(0, 1)))
        return lines
