internal import WIT

/// A parsed WIT document: one package's interfaces and worlds, from one file.
public struct WITDocument: Sendable {
    let source: WITSource
    let syntax: SourceFileSyntax
    let package: PackageNameSyntax

    /// Parses `text`, which starts with `package namespace:name[@version];`. `fileName` names the
    /// document in errors. Types are resolved later, by ``exports(ofWorld:)``.
    public static func parse(_ text: String, fileName: String) throws(WITError) -> WITDocument {
        let (source, syntax) = try WITSource.parse(text, fileName: fileName)
        guard let package = syntax.packageId else {
            throw source.error("expected `package namespace:name;` at the top of the document")
        }
        return WITDocument(source: source, syntax: syntax, package: package)
    }

    /// The document's package, e.g. `wasi:keyvalue@0.2.0-draft`.
    public var packageName: String { "\(package)" }

    /// The names of the document's worlds, in order.
    public var worldNames: [String] {
        syntax.items.compactMap {
            guard case .world(let world) = $0 else { return nil }
            return world.name.text
        }
    }

    /// What the world called `name` exports, in declaration order, with every type resolved.
    ///
    /// Interfaces it exports must be defined in this document; worlds that `include` others are
    /// not supported.
    public func exports(ofWorld name: String) throws(WITError) -> [WITExport] {
        let world = syntax.items.lazy.compactMap { item -> WorldSyntax? in
            guard case .world(let world) = item, world.name.text == name else { return nil }
            return world.syntax
        }.first
        guard let world else {
            let known = worldNames.isEmpty ? "the document has none" : "it has \(worldNames.joined(separator: ", "))"
            throw source.error("no world named '\(name)': \(known)")
        }
        let resolver = TypeResolver(source: source, file: syntax, package: package)
        var exports: [WITExport] = []
        for item in world.items {
            switch item {
            case .export(let export):
                switch export.kind {
                case .interface(let name, let items):
                    exports.append(.interface(try resolver.interface(named: name.text, items: items)))
                case .path(let path):
                    let interface = try resolver.interface(path)
                    exports.append(.interface(try resolver.interface(named: interface.name, items: interface.syntax.items)))
                case .function(let name, let function):
                    let scope = TypeResolver.Scope(world.items)
                    exports.append(.function(try resolver.function(named: name.text, function, in: scope)))
                }
            case .include:
                throw source.error("world '\(name)' includes another world, which is not supported", at: world.name.position)
            case .import, .use, .type:
                continue
            }
        }
        return exports
    }
}
