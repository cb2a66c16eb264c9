/// How wRPC names functions on the wire (in the framed header and in NATS subjects): as
/// upstream wRPC does (`wrpc-introspect`'s `rpc_func_name`, `wrpc-runtime-wasmtime`), resource
/// functions lose their component-model prefix.
public enum WRPCName {
    /// The wire name of the component function `name`: `[method]bucket.get` is `bucket.get`,
    /// `[constructor]counter` is `counter`, `[static]R.f` is `R.f`; other names are unchanged
    /// (including wasmplug's own `[resource-drop]R`). Within one interface no two functions
    /// share a wire name: WIT names are unique there, and only resource functions hold a dot.
    public static func function(_ name: String) -> String {
        for prefix in ["[constructor]", "[method]", "[static]"] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }
}
