import WasmPlugEngine

/// A component-model type read from WIT: the engine's type model with resource handles named by
/// their WIT resource instead of an engine ``ResourceType``.
///
/// Named types (records, variants, enums, flags, aliases) are resolved structurally, as the
/// engine reports them.
public typealias WITType = ComponentValueType<String>

extension WITType {
    /// Whether `engineType` has this type's structure. Handles match by resource name when the
    /// engine knows it, and match any resource when it does not.
    public func matches(_ engineType: ValueType) -> Bool {
        matches(engineType, resources: Self.sameResource)
    }

    /// Whether the WIT resource `name` can be the engine's `resource`.
    static func sameResource(_ name: String, _ resource: ResourceType) -> Bool {
        resource.name.map { $0 == name } ?? true
    }
}
