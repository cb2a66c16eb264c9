"""host-roundtrip.wasm: every echo goes through the host's wasmplug:test/host import of the
same name; use-counter exercises the host's `counter` resource."""
from wit_world import exports
from wit_world.imports import host


class Echo(exports.Echo):
    def echo_bool(self, v): return host.echo_bool(v)
    def echo_s8(self, v): return host.echo_s8(v)
    def echo_u8(self, v): return host.echo_u8(v)
    def echo_s16(self, v): return host.echo_s16(v)
    def echo_u16(self, v): return host.echo_u16(v)
    def echo_s32(self, v): return host.echo_s32(v)
    def echo_u32(self, v): return host.echo_u32(v)
    def echo_s64(self, v): return host.echo_s64(v)
    def echo_u64(self, v): return host.echo_u64(v)
    def echo_f32(self, v): return host.echo_f32(v)
    def echo_f64(self, v): return host.echo_f64(v)
    def echo_char(self, v): return host.echo_char(v)
    def echo_string(self, v): return host.echo_string(v)
    def echo_bytes(self, v): return host.echo_bytes(v)
    def echo_list(self, v): return host.echo_list(v)
    def echo_shape(self, v): return host.echo_shape(v)
    def echo_event(self, v): return host.echo_event(v)
    def echo_color(self, v): return host.echo_color(v)
    def echo_perms(self, v): return host.echo_perms(v)
    def echo_option(self, v): return host.echo_option(v)
    def echo_tuple(self, v): return host.echo_tuple(v)

    def echo_result(self, v):
        # The argument is an Ok/Err object, passed on as is. The host's answer comes back as
        # the ok value, or raises Err, which componentize-py returns as the err case.
        return host.echo_result(v)

    # Not in wasmplug:test/host: answered by the guest itself, as in values.wasm.
    def add(self, a, b): return (a + b) & 0xFFFFFFFF
    def sum(self, v): return sum(v)

    def fail(self, message):
        raise RuntimeError(message)  # uncaught: componentize-py traps (unreachable)


class Resources(exports.Resources):
    def use_counter(self, start, times):
        last = start
        # Leaving the `with` drops the handle, so the host's destructor runs before we return.
        with host.Counter(start) as counter:
            for _ in range(times):
                last = counter.increment()
            host.counter_total(counter)  # passes a borrow<counter>
        return last
