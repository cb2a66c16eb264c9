import WasmPlugEngine

/// WAVE, the WebAssembly Value Encoding: the text syntax Wasmtime uses for component values,
/// as in `wasmtime run --invoke 'greet("world")'`.
///
/// Reading is typed: the same text can mean different values (`{}` is an empty flags set,
/// `5` may be a `u8` or `some(5)`), so every parse names the type it expects.
public enum WAVE {
    /// Reads one value of `type`; whitespace and `//` comments may surround it.
    public static func parse(_ text: String, as type: ValueType) throws(WAVEError) -> Value {
        var reader = WAVEReader(text)
        let value = try reader.value(type)
        reader.skipTrivia()
        guard reader.atEnd else {
            throw reader.error("unexpected \(reader.upcoming()) after the value", at: reader.position)
        }
        return value
    }

    /// The WAVE text of `value`, which `parse` reads back to the same value (for floats, the
    /// same bits, except that every NaN becomes the one `nan`). A resource handle has no WAVE
    /// syntax and is written `<resource>`.
    public static func format(_ value: Value) -> String {
        var output = ""
        WAVEWriter.write(value, to: &output)
        return output
    }

    /// `type` in WIT-like syntax for messages: `list<string>`, `result<_, string>`,
    /// `record { x: s32, y: s32 }`, `own<counter>`.
    public static func describe(_ type: ValueType) -> String {
        type.description
    }
}
