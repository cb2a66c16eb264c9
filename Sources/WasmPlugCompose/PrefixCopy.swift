import WasmPlugBytes

/// Copies the sections where one input declares its imports into the composed component: its
/// types, the imports no plugin satisfies (one import per name, shared by all inputs), and
/// aliases of imported instances, all renumbered into the composed component's index spaces.
struct PrefixCopy {
    /// Where an item of the input is in the composed component.
    private enum Place {
        case index(UInt32)
        /// Not there: it belongs to (or is made from) this import, which a plugin satisfies.
        case satisfied(String)
    }

    let input: ComponentBinary
    /// The input's imports that plugins satisfy, with the plugin satisfying each.
    let satisfied: [String: String]
    private var places: [Sort: [Place]] = [:]

    init(input: ComponentBinary, satisfied: [String: String]) {
        self.input = input
        self.satisfied = satisfied
    }

    mutating func copy(into output: inout ComposedOutput) throws(ComposeError) {
        for section in input.prefix {
            var reader = ByteReader<ComposeError>(input.bytes, from: section.range.lowerBound, to: section.range.upperBound)
            for _ in 0..<(try reader.u32()) {
                switch section.id {
                case SectionID.type: try copyType(&reader, into: &output)
                case SectionID.import: try copyImport(&reader, into: &output)
                default: try copyAlias(&reader, into: &output)
                }
            }
        }
    }

    private mutating func copyType(_ reader: inout ByteReader<ComposeError>, into output: inout ComposedOutput) throws(ComposeError) {
        var item: [UInt8] = []
        var blocker: String?
        let start = reader.offset
        do {
            try TypeCopier.defType(&reader, into: &item, depth: 0) { index throws(ComposeError) in try place(.type, index) }
        } catch {
            guard let blockedBy = error.blockedBy else { throw error }
            blocker = blockedBy
        }
        guard let blocker else {
            places[.type, default: []].append(.index(output.define(.type, section: SectionID.type, item: item)))
            return
        }
        // A type made from a satisfied import's types: only that import's siblings can use it.
        reader.offset = start
        var skipped: [UInt8] = []
        try TypeCopier.defType(&reader, into: &skipped, depth: 1) { $0 }
        places[.type, default: []].append(.satisfied(blocker))
    }

    private mutating func copyImport(_ reader: inout ByteReader<ComposeError>, into output: inout ComposedOutput) throws(ComposeError) {
        let name = try ComponentBinary.externName(&reader, path: input.path)
        let start = reader.offset
        var skipped: [UInt8] = []
        let sort = try TypeCopier.externDesc(&reader, into: &skipped, depth: 1) { $0 }
        if satisfied[name] != nil {
            places[sort, default: []].append(.satisfied(name))
            return
        }
        if let existing = output.imports[name] {
            guard existing.sort == sort else {
                throw ComposeError("\(input.path) imports \(name) as a \(sort), but another input imports it as a \(existing.sort): "
                    + "build them against the same WIT")
            }
            places[sort, default: []].append(.index(existing.index))
            return
        }
        reader.offset = start
        var description: [UInt8] = []
        do {
            _ = try TypeCopier.externDesc(&reader, into: &description, depth: 0) { index throws(ComposeError) in
                try place(.type, index)
            }
        } catch {
            throw error.blockedBy.map { shared(name, with: $0) } ?? error
        }
        places[sort, default: []].append(.index(output.addImport(name, sort: sort, description: description)))
    }

    private mutating func copyAlias(_ reader: inout ByteReader<ComposeError>, into output: inout ComposedOutput) throws(ComposeError) {
        let sort = try Sort(reading: &reader)
        guard try reader.byte() == 0x00 else {
            throw ComposeError("\(input.path) has a core or outer alias among its imports, which compose does not support")
        }
        let instance = try reader.u32()
        let name = try reader.name()
        let target: UInt32
        do {
            target = try place(.instance, instance)
        } catch {
            guard let blockedBy = error.blockedBy else { throw error }
            places[sort, default: []].append(.satisfied(blockedBy))
            return
        }
        places[sort, default: []].append(.index(output.alias(name, sort: sort, of: target)))
    }

    /// Where item `index` of `sort` went; a satisfied import's items throw an error with `blockedBy`.
    private func place(_ sort: Sort, _ index: UInt32) throws(ComposeError) -> UInt32 {
        guard let places = places[sort], Int(index) < places.count else {
            throw ComposeError("\(input.path) refers to \(sort) \(index) before defining it")
        }
        switch places[Int(index)] {
        case .index(let index): return index
        case .satisfied(let name): throw ComposeError(blockedBy: name)
        }
    }

    private func shared(_ name: String, with satisfiedImport: String) -> ComposeError {
        ComposeError("\(input.path): import \(name)'s types are shared with \(satisfiedImport), which \(satisfied[satisfiedImport] ?? "a plugin") "
            + "satisfies: plug a component for \(name) too, or for neither")
    }
}
