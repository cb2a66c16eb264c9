"""values.wasm: every function of wasmplug:test/echo returns its argument."""
from wit_world import exports
from componentize_py_types import Err


class Echo(exports.Echo):
    def echo_bool(self, v): return v
    def echo_s8(self, v): return v
    def echo_u8(self, v): return v
    def echo_s16(self, v): return v
    def echo_u16(self, v): return v
    def echo_s32(self, v): return v
    def echo_u32(self, v): return v
    def echo_s64(self, v): return v
    def echo_u64(self, v): return v
    def echo_f32(self, v): return v
    def echo_f64(self, v): return v
    def echo_char(self, v): return v
    def echo_string(self, v): return v
    def echo_bytes(self, v): return v
    def echo_list(self, v): return v
    def echo_shape(self, v): return v
    def echo_event(self, v): return v
    def echo_color(self, v): return v
    def echo_perms(self, v): return v
    def echo_option(self, v): return v
    def echo_tuple(self, v): return v

    def echo_result(self, v):
        if isinstance(v, Err):
            raise v
        return v.value

    def add(self, a, b): return (a + b) & 0xFFFFFFFF
    def sum(self, v): return sum(v)

    def fail(self, message):
        raise RuntimeError(message)  # uncaught: componentize-py traps (unreachable)
