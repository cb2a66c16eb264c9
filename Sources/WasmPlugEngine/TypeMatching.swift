/// Whether one component type can stand for another: the one structural matcher, for a plugin
/// export against the import it serves, and for WIT against what a component reports.
extension ComponentValueType {
    /// Whether `other` has this type's structure, with handles agreeing where `sameResource`
    /// says their resources do.
    public func matches<Other>(_ other: ComponentValueType<Other>, resources sameResource: (Resource, Other) -> Bool) -> Bool {
        func match(_ type: Self?, _ other: ComponentValueType<Other>?) -> Bool {
            Self.matches(type, other, resources: sameResource)
        }
        switch (self, other) {
        case (.bool, .bool), (.s8, .s8), (.u8, .u8), (.s16, .s16), (.u16, .u16), (.s32, .s32), (.u32, .u32),
             (.s64, .s64), (.u64, .u64), (.f32, .f32), (.f64, .f64), (.char, .char), (.string, .string),
             (.errorContext, .errorContext):
            return true
        case (.list(let element), .list(let other)), (.option(let element), .option(let other)):
            return match(element, other)
        case (.record(let fields), .record(let others)):
            return fields.count == others.count && zip(fields, others).allSatisfy { $0.name == $1.name && match($0.type, $1.type) }
        case (.tuple(let types), .tuple(let others)):
            return types.count == others.count && zip(types, others).allSatisfy { match($0, $1) }
        case (.variant(let cases), .variant(let others)):
            return cases.count == others.count && zip(cases, others).allSatisfy { $0.name == $1.name && match($0.payload, $1.payload) }
        case (.enumeration(let names), .enumeration(let others)), (.flags(let names), .flags(let others)):
            return names == others
        case (.result(let ok, let err), .result(let otherOK, let otherErr)):
            return match(ok, otherOK) && match(err, otherErr)
        case (.own(let resource), .own(let other)), (.borrow(let resource), .borrow(let other)):
            return sameResource(resource, other)
        case (.future(let element), .future(let other)), (.stream(let element), .stream(let other)):
            return match(element, other)
        default:
            return false
        }
    }

    /// Whether both types are absent, or both present and matching.
    static func matches<Other>(_ type: Self?, _ other: ComponentValueType<Other>?, resources sameResource: (Resource, Other) -> Bool) -> Bool {
        switch (type, other) {
        case (nil, nil): true
        case (let type?, let other?): type.matches(other, resources: sameResource)
        default: false
        }
    }
}

extension ComponentFunctionType {
    /// Whether `other` is async alike and has this function's parameter types (whatever their
    /// names) and result type, with handles agreeing where `sameResource` says so.
    public func matches<Other>(_ other: ComponentFunctionType<Other>, resources sameResource: (Resource, Other) -> Bool) -> Bool {
        isAsync == other.isAsync && parameters.count == other.parameters.count
            && zip(parameters, other.parameters).allSatisfy { $0.type.matches($1.type, resources: sameResource) }
            && ComponentValueType.matches(result, other.result, resources: sameResource)
    }
}

extension ValueType {
    /// Whether the two types have the same structure, resources compared by name (an exported
    /// resource and the imported one it serves are different types of the engine).
    public func matches(_ other: ValueType) -> Bool {
        matches(other) { $0.name == $1.name }
    }
}

extension FunctionType {
    /// Whether a function of this type can stand for one of `other`'s: same parameter and
    /// result types, resources compared by name.
    public func matches(_ other: FunctionType) -> Bool {
        matches(other) { $0.name == $1.name }
    }
}
