internal import WIT

/// Turns the syntax of one document into ``WITType``s and ``WITFunction``s, following type names
/// through definitions and `use`s within the document's own package.
struct TypeResolver {
    let source: WITSource
    let file: SourceFileSyntax
    let package: PackageNameSyntax

    /// The type definitions and `use`s that names are looked up in: an interface's or a world's.
    struct Scope {
        enum Item {
            case typeDef(TypeDefSyntax)
            case use(UseSyntax)
        }
        let items: [Item]

        init(_ items: [InterfaceItemSyntax]) {
            self.items = items.compactMap {
                switch $0 {
                case .typeDef(let typeDef): .typeDef(typeDef.syntax)
                case .use(let use): .use(use.syntax)
                case .function: nil
                }
            }
        }

        init(_ items: [WorldItemSyntax]) {
            self.items = items.compactMap {
                switch $0 {
                case .type(let typeDef): .typeDef(typeDef.syntax)
                case .use(let use): .use(use.syntax)
                case .import, .export, .include: nil
                }
            }
        }
    }

    /// What a type name stands for.
    enum Named {
        case type(WITType)
        case resource(String)
    }

    /// How many names a lookup may pass through before the definitions count as circular.
    private static let maximumDepth = 64

    /// An interface's functions (resource functions included) and resources.
    func interface(named name: String, items: [InterfaceItemSyntax]) throws(WITError) -> WITInterface {
        let scope = Scope(items)
        var functions: [WITFunction] = []
        var resources: [String] = []
        var namedTypes: [WITInterface.NamedType] = []
        for item in items {
            switch item {
            case .function(let function):
                functions.append(try self.function(named: function.name.text, function.function, in: scope))
            case .typeDef(let typeDef):
                guard case .resource(let resource) = typeDef.body else {
                    if case .type(let type) = try define(typeDef.syntax, in: scope, depth: 0) {
                        namedTypes.append(.init(typeDef.name.text, type))
                    }
                    continue
                }
                let resourceName = typeDef.name.text
                guard let members = resource.members else {
                    throw source.error("cannot read the functions of resource '\(resourceName)'", at: typeDef.name.position)
                }
                resources.append(resourceName)
                for member in members {
                    functions.append(try self.function(member, ofResource: resourceName, in: scope))
                }
            case .use(let use):
                // Types brought in with `use` keep their names (or their `as` names), and so do
                // the types they are made of, from the interface they come from.
                for used in use.names {
                    let local = used.asName ?? used.name
                    if case .type(let type) = try lookup(local, in: scope, depth: 0) {
                        namedTypes.append(.init(local.text, type))
                    }
                }
                let source = try interface(use.from).syntax
                for case .typeDef(let typeDef) in source.items where !namedTypes.contains(where: { $0.name == typeDef.name.text }) {
                    if case .type(let type) = try define(typeDef.syntax, in: Scope(source.items), depth: 0) {
                        namedTypes.append(.init(typeDef.name.text, type))
                    }
                }
            }
        }
        return WITInterface(name: name, functions: functions, resources: resources, namedTypes: namedTypes)
    }

    /// A function with its component-model `name`.
    func function(named name: String, _ syntax: FunctionSyntax, in scope: Scope) throws(WITError) -> WITFunction {
        let parameters = try syntax.parameters.map { (parameter) throws(WITError) in
            WITType.Field(parameter.name.text, try resolve(parameter.type, in: scope))
        }
        switch syntax.results {
        case .anon(let type):
            return WITFunction(name: name, parameters: parameters, result: try resolve(type, in: scope))
        case .named(let results) where results.isEmpty:
            return WITFunction(name: name, parameters: parameters, result: nil)
        case .named(let results):
            throw source.error("function '\(name)' has named results, which the component model no longer has", at: results[0].name.position)
        }
    }

    /// A resource's constructor, method or static function, named and typed as the component model
    /// sees it.
    private func function(_ member: ResourceFunctionSyntax, ofResource resource: String, in scope: Scope) throws(WITError) -> WITFunction {
        switch member {
        case .constructor(let syntax):
            var function = try function(named: "[constructor]\(resource)", syntax.function, in: scope)
            function.result = .own(resource)
            return function
        case .method(let syntax):
            var function = try function(named: "[method]\(resource).\(syntax.name.text)", syntax.function, in: scope)
            function.parameters.insert(.init("self", .borrow(resource)), at: 0)
            return function
        case .static(let syntax):
            return try function(named: "[static]\(resource).\(syntax.name.text)", syntax.function, in: scope)
        }
    }

    /// The interface a `use` or an `export` names, with its qualified name.
    func interface(_ path: UsePathSyntax) throws(WITError) -> (name: String, syntax: InterfaceSyntax) {
        let name: Identifier
        switch path {
        case .id(let id):
            name = id
        case .package(let other, let id):
            let sameName = other.namespace.text == package.namespace.text && other.name.text == package.name.text
            guard sameName && ("\(other)" == "\(package)" || !"\(other)".contains("@")) else {
                throw source.error(
                    "unknown package '\(other)': only this document's package, '\(package)', can be used",
                    at: other.namespace.position)
            }
            name = id
        }
        for case .interface(let interface) in file.items where interface.name.text == name.text {
            return (qualifiedName(of: name.text), interface.syntax)
        }
        throw source.error("unknown interface '\(name.text)'", at: name.position)
    }

    /// `namespace:package/interface@version`.
    private func qualifiedName(of interface: String) -> String {
        let unversioned = "\(package.namespace.text):\(package.name.text)"
        return "\(unversioned)/\(interface)\("\(package)".dropFirst(unversioned.count))"
    }

    func resolve(_ type: TypeReprSyntax, in scope: Scope, depth: Int = 0) throws(WITError) -> WITType {
        func resolve(_ type: TypeReprSyntax) throws(WITError) -> WITType {
            try self.resolve(type, in: scope, depth: depth)
        }
        switch type {
        case .bool: return .bool
        case .u8: return .u8
        case .u16: return .u16
        case .u32: return .u32
        case .u64: return .u64
        case .s8: return .s8
        case .s16: return .s16
        case .s32: return .s32
        case .s64: return .s64
        case .float32: return .f32
        case .float64: return .f64
        case .char: return .char
        case .string: return .string
        case .name(let id):
            switch try lookup(id, in: scope, depth: depth) {
            case .type(let type): return type
            case .resource(let resource): return .own(resource)
            }
        case .list(let element): return .list(try resolve(element))
        case .handle(.own(let id)): return .own(try resource(id, in: scope, depth: depth))
        case .handle(.borrow(let id)): return .borrow(try resource(id, in: scope, depth: depth))
        case .tuple(let elements): return .tuple(try elements.map(resolve))
        case .option(let element): return .option(try resolve(element))
        case .result(let result): return .result(ok: try result.ok.map(resolve), err: try result.error.map(resolve))
        case .future(let element): return .future(try element.map(resolve))
        case .stream: throw source.error("stream types are not supported")
        }
    }

    /// The resource that `id` names.
    private func resource(_ id: Identifier, in scope: Scope, depth: Int) throws(WITError) -> String {
        guard case .resource(let resource) = try lookup(id, in: scope, depth: depth) else {
            throw source.error("'\(id.text)' is not a resource", at: id.position)
        }
        return resource
    }

    private func lookup(_ id: Identifier, in scope: Scope, depth: Int) throws(WITError) -> Named {
        guard depth < Self.maximumDepth else {
            throw source.error("type '\(id.text)' is defined in terms of itself", at: id.position)
        }
        // WasmKit's lexer predates the `f32` and `f64` keywords.
        switch id.text {
        case "f32": return .type(.f32)
        case "f64": return .type(.f64)
        default: break
        }
        for item in scope.items {
            switch item {
            case .typeDef(let typeDef) where typeDef.name.text == id.text:
                return try define(typeDef, in: scope, depth: depth + 1)
            case .use(let use):
                guard let used = use.names.first(where: { ($0.asName ?? $0.name).text == id.text }) else { continue }
                let interface = try interface(use.from).syntax
                return try lookup(used.name, in: Scope(interface.items), depth: depth + 1)
            case .typeDef:
                continue
            }
        }
        throw source.error("unknown type '\(id.text)'", at: id.position)
    }

    private func define(_ typeDef: TypeDefSyntax, in scope: Scope, depth: Int) throws(WITError) -> Named {
        func resolve(_ type: TypeReprSyntax) throws(WITError) -> WITType {
            try self.resolve(type, in: scope, depth: depth)
        }
        switch typeDef.body {
        case .resource:
            return .resource(typeDef.name.text)
        case .alias(let alias):
            guard case .name(let target) = alias.typeRepr else { return .type(try resolve(alias.typeRepr)) }
            return try lookup(target, in: scope, depth: depth)
        case .record(let record):
            return .type(.record(try record.fields.map { (field) throws(WITError) in .init(field.name.text, try resolve(field.type)) }))
        case .variant(let variant):
            return .type(.variant(try variant.cases.map { (variantCase) throws(WITError) in
                .init(variantCase.name.text, try variantCase.type.map(resolve))
            }))
        case .enum(let enumeration):
            return .type(.enumeration(enumeration.cases.map(\.name.text)))
        case .flags(let flags):
            return .type(.flags(flags.flags.map(\.name.text)))
        case .union:
            throw source.error("union '\(typeDef.name.text)': unions are no longer part of the component model", at: typeDef.name.position)
        }
    }
}
