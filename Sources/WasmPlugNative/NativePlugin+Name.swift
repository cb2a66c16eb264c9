extension NativePlugin {
    /// The name its descriptor declares, which `-P plugin=NAME` and `-P prefer=` use.
    public var name: String? { library.name }
}
