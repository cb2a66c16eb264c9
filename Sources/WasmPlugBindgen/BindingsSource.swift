import WasmPlugWIT

/// The input of `wasmplug bindgen`: a WIT document and the world a plugin implements.
public struct BindingsSource: Sendable {
    public let wit: String
    public let fileName: String
    public let world: String

    public init(wit: String, fileName: String, world: String) {
        self.wit = wit
        self.fileName = fileName
        self.world = world
    }

    /// What the world exports.
    func exports() throws(WITError) -> [WITExport] {
        try WITDocument.parse(wit, fileName: fileName).exports(ofWorld: world)
    }
}

/// A generator of plugin glue in one language.
public protocol BindingsGenerator {
    var source: BindingsSource { get }
    init(source: BindingsSource)
    func generate() throws -> String
}

extension BindingsGenerator {
    var wit: String { source.wit }
    var fileName: String { source.fileName }
    var world: String { source.world }
}
