import WasmPlugEngine

extension WAVE {
    /// Splits `name(argument, ...)` into the function name and the text of each argument,
    /// to be parsed once the function's parameter types are known.
    ///
    /// The name may be interface-qualified (`wasmplug:test/echo@0.1.0#echo-string`) or name a
    /// resource function (`[method]counter.increment`). Commas inside literals, comments and
    /// brackets do not split arguments. The parentheses are required, as in Wasmtime.
    public static func parseInvocation(_ text: String) throws(WAVEError) -> (name: String, arguments: [String]) {
        var reader = WAVEReader(text)
        return try reader.invocation()
    }

    /// Parses each argument text as the parameter in the same position.
    ///
    /// As WAVE allows, trailing parameters of option type may be left out; they are `none`.
    /// An error in an argument's text is reported with the parameter's name.
    public static func parseArguments(_ texts: [String], types parameters: [ValueType.Field]) throws(WAVEError) -> [Value] {
        let required = (parameters.lastIndex { !$0.type.isOption } ?? -1) + 1
        guard (required...parameters.count).contains(texts.count) else {
            throw WAVEError("expected \(expectedCount(parameters, required: required)), got \(texts.count)")
        }
        var values: [Value] = []
        for (index, parameter) in parameters.enumerated() {
            guard index < texts.count else {
                values.append(.option(nil))
                continue
            }
            do {
                values.append(try parse(texts[index], as: parameter.type))
            } catch {
                throw WAVEError("argument \(parameter.name): \(error)")
            }
        }
        return values
    }

    /// "2 arguments (a: u32, b: string)", "1 to 3 arguments (...)", "no arguments".
    private static func expectedCount(_ parameters: [ValueType.Field], required: Int) -> String {
        guard !parameters.isEmpty else { return "no arguments" }
        let count = required == parameters.count ? "\(required)" : "\(required) to \(parameters.count)"
        let noun = parameters.count == 1 ? "argument" : "arguments"
        let list = parameters.map { "\($0.name): \(describe($0.type))" }.joined(separator: ", ")
        return "\(count) \(noun) (\(list))"
    }
}
