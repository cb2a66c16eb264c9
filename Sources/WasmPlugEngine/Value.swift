/// A component-model value, as it crosses between the engine and Swift.
///
/// Every value kind of the component model has a case. Values are plain data except
/// ``resource(_:)``, whose handle belongs to the store that produced it.
public enum Value: Equatable, Sendable {
    case bool(Bool)
    case s8(Int8)
    case u8(UInt8)
    case s16(Int16)
    case u16(UInt16)
    case s32(Int32)
    case u32(UInt32)
    case s64(Int64)
    case u64(UInt64)
    case f32(Float)
    case f64(Double)
    case char(Unicode.Scalar)
    case string(String)
    case list([Value])
    case record([RecordField])
    case tuple([Value])
    /// A variant case by name, with its payload when the case has one.
    indirect case variant(String, Value?)
    /// An enum case by name.
    case enumCase(String)
    indirect case option(Value?)
    /// `result::ok`, with its payload when the result type has an ok type.
    indirect case ok(Value?)
    /// `result::err`, with its payload when the result type has an error type.
    indirect case err(Value?)
    /// The names of the flags that are set.
    case flags([String])
    case resource(Resource)

    /// One named field of a record value.
    public struct RecordField: Equatable, Sendable {
        public var name: String
        public var value: Value
        public init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }
    }
}

extension Value {
    /// Builds a record from `(name, value)` pairs, in declaration order.
    public static func record(_ fields: KeyValuePairs<String, Value>) -> Value {
        .record(fields.map { RecordField($0.key, $0.value) })
    }

    /// The field called `name`, when this is a record that has it.
    public subscript(field name: String) -> Value? {
        guard case .record(let fields) = self else { return nil }
        return fields.first { $0.name == name }?.value
    }
}
