/// The component being written: its sections and how many items each index space holds.
struct ComposedOutput {
    private(set) var bytes = ComponentBinary.preamble
    private var counts: [Sort: UInt32] = [:]
    /// The composed component's own imports, by name.
    private(set) var imports: [String: (sort: Sort, index: UInt32)] = [:]

    /// Appends a section of one item that defines an item of `sort`; returns its index.
    @discardableResult
    mutating func define(_ sort: Sort, section id: UInt8, item: [UInt8]) -> UInt32 {
        var contents: [UInt8] = []
        contents.u32(1)
        contents += item
        bytes.section(id, contents)
        let index = counts[sort, default: 0]
        counts[sort] = index + 1
        return index
    }

    /// Declares the import `name` (its extern description already renumbered).
    mutating func addImport(_ name: String, sort: Sort, description: [UInt8]) -> UInt32 {
        var item: [UInt8] = [0x00]
        item.name(name)
        item += description
        let index = define(sort, section: SectionID.import, item: item)
        imports[name] = (sort, index)
        return index
    }

    /// Embeds a whole component; returns its component index.
    mutating func embed(_ component: ComponentBinary) -> UInt32 {
        bytes.section(SectionID.component, component.bytes)
        let index = counts[.component, default: 0]
        counts[.component] = index + 1
        return index
    }

    /// Instantiates component `component` with `arguments`; returns the instance's index.
    mutating func instantiate(_ component: UInt32, with arguments: [(name: String, sort: Sort, index: UInt32)]) -> UInt32 {
        var item: [UInt8] = [0x00]
        item.u32(component)
        item.u32(UInt32(arguments.count))
        for argument in arguments {
            item.name(argument.name)
            item += argument.sort.encoded
            item.u32(argument.index)
        }
        return define(.instance, section: SectionID.instance, item: item)
    }

    /// Aliases export `name` (of `sort`) of instance `instance`; returns its index.
    mutating func alias(_ name: String, sort: Sort, of instance: UInt32) -> UInt32 {
        var item = sort.encoded
        item.append(0x00)
        item.u32(instance)
        item.name(name)
        return define(sort, section: SectionID.alias, item: item)
    }

    /// Exports item `index` of `sort` as `name`; like an alias, an export adds an item to the sort's index space.
    mutating func export(_ name: String, sort: Sort, index: UInt32) {
        var item: [UInt8] = [0x00]
        item.name(name)
        item += sort.encoded
        item.u32(index)
        item.append(0x00)
        define(sort, section: SectionID.export, item: item)
    }
}
