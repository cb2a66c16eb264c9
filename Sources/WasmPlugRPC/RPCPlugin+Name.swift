extension RPCPlugin {
    /// Its URL (`wrpc+tcp://[::1]:7761`), the name `-P prefer=` and `-P import=INTERFACE=URL` choose it by.
    public var name: String? { target.url }
}
