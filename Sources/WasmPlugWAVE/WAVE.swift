import WasmPlugEngine

/// WAVE, the WebAssembly Value Encoding: the text syntax Wasmtime uses for component values,
/// as in `wasmtime run --invoke 'greet("world")'`.
///
/// Parsing is typed: the same text means different values for different types (`{}` is an
/// empty record or an empty flags set), so every parse takes the type it expects.
public enum WAVE {
    /// Parses one value of `type`.
    public static func parse(_ text: String, as type: ValueType) throws(WAVEError) -> Value {
        var parser = WAVEParser(text)
        let value = try parser.value(of: type)
        try parser.expectEnd()
        return value
    }

    /// Splits `name(arg, arg)` into the function name and each argument's text.
    ///
    /// The name may be interface-qualified (`wasi:cli/run@0.2.0#run`) or a resource function
    /// (`[method]counter.increment`). Commas inside strings, chars and brackets do not split.
    public static func parseInvocation(_ text: String) throws(WAVEError) -> (name: String, arguments: [String]) {
        var parser = WAVEParser(text)
        return try parser.invocation()
    }

    /// Parses each argument text against the function's parameters, in order.
    public static func parseArguments(_ texts: [String], types: [ValueType.Field]) throws(WAVEError) -> [Value] {
        guard texts.count == types.count else {
            let expected = types.map { "\($0.name): \($0.type)" }.joined(separator: ", ")
            throw WAVEError("expected \(types.count) argument\(types.count == 1 ? "" : "s") (\(expected)), got \(texts.count)")
        }
        var values: [Value] = []
        for (text, parameter) in zip(texts, types) {
            do {
                values.append(try parse(text, as: parameter.type))
            } catch {
                throw WAVEError("argument '\(parameter.name)': \(error.message)")
            }
        }
        return values
    }

    /// The WAVE text of `value`; `parse` reads it back to the same value.
    public static func format(_ value: Value) -> String {
        var output = ""
        WAVEFormatter.write(value, to: &output)
        return output
    }

    /// A type in WIT syntax, for messages.
    public static func describe(_ type: ValueType) -> String {
        type.description
    }
}

/// Text that is not valid WAVE for the expected type; the message says what was expected
/// and where.
public struct WAVEError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) {
        self.message = message
    }
    public var description: String { message }
}
