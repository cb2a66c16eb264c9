import CWasmtime

/// An error raised by the engine or by WasmPlug's checks around it.
///
/// `message` is Wasmtime's own text (or ours); `context` says what WasmPlug was doing,
/// so `description` reads as one line: "calling `add`: wasm trap: integer divide by zero".
public struct WasmtimeError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is, for callers that react differently to each.
    public enum Kind: Equatable, Sendable {
        /// Compilation, linking, instantiation or another engine failure.
        case engine
        /// The guest trapped (including a host function that reported an error).
        case trap
        /// The guest asked to exit with a status (`wasi:cli/exit`).
        case exit(Int32)
        /// The guest used up its fuel.
        case outOfFuel
        /// The guest ran past its epoch deadline (a timeout).
        case interrupted
        /// WasmPlug refused a call that would misuse the engine.
        case misuse
    }

    public var kind: Kind
    /// The full message, as Wasmtime wrote it (it may span lines, with causes and a backtrace).
    public var message: String
    public var context: String?

    public init(_ kind: Kind, _ message: String, context: String? = nil) {
        self.kind = kind
        self.message = message
        self.context = context
    }

    /// One line: the context and Wasmtime's root cause. ``message`` keeps the full text.
    public var description: String { summary }

    /// Wasmtime's messages read "outer\n\nCaused by:\n    0: cause\n    1: root cause" with an
    /// optional "wasm backtrace" block; the root cause is what a person needs.
    var summary: String {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.drop { $0 == " " } }
        let causes = lines.drop { $0 != "Caused by:" }.dropFirst()
            .map { $0.drop { $0.isNumber }.drop { $0 == ":" || $0 == " " } }
            .filter { !$0.isEmpty }
        let head = lines.first.map(String.init) ?? message
        let root = causes.last.map(String.init) ?? head
        let text = head.hasPrefix("error while executing") || causes.isEmpty || root == head ? root : "\(head): \(root)"
        guard let context else { return text }
        return "\(context): \(text)"
    }

    /// Takes ownership of a Wasmtime error, reading its message, exit status and trap code.
    init(consuming raw: OpaquePointer, context: String? = nil, defaultKind: Kind = .engine) {
        defer { wasmtime_error_delete(raw) }
        var name = wasm_name_t()
        wasmtime_error_message(raw, &name)
        let text = name.data.map {
            String(decoding: UnsafeBufferPointer(start: $0, count: name.size), as: UTF8.self)
        } ?? "unknown Wasmtime error"
        wasm_byte_vec_delete(&name)
        var status: Int32 = 0
        if wasmtime_error_exit_status(raw, &status) {
            self.init(.exit(status), "exited with status \(status)", context: context)
        } else {
            self.init(Self.trapCode(raw).map(Self.kind(of:)) ?? defaultKind, text, context: context)
        }
    }

    /// The trap code of an error that is an instruction trap.
    ///
    /// The C API hands a component call's trap back as a `wasmtime_error_t` and reads trap codes
    /// only from a `wasm_trap_t`. Both are the same object in Wasmtime 50's C API (a `repr(C)`
    /// struct holding one `anyhow::Error`: the library's `wasmtime_error_delete` and
    /// `wasm_trap_delete` are one function), so the error is read as a trap.
    /// `TrapCodeTests` pins this for each code WasmPlug reads.
    private static func trapCode(_ raw: OpaquePointer) -> wasmtime_trap_code_t? {
        var code: wasmtime_trap_code_t = 0
        return wasmtime_trap_code(raw, &code) ? code : nil
    }

    private static func kind(of code: wasmtime_trap_code_t) -> Kind {
        switch Int(code) {
        case WASMTIME_TRAP_CODE_OUT_OF_FUEL: .outOfFuel
        case WASMTIME_TRAP_CODE_INTERRUPT: .interrupted
        default: .trap
        }
    }

    /// Throws when a C call returned an error.
    static func check(_ raw: OpaquePointer?, context: @autoclosure () -> String, kind: Kind = .engine) throws(WasmtimeError) {
        if let raw { throw WasmtimeError(consuming: raw, context: context(), defaultKind: kind) }
    }

    /// Throws when a core-module C call returned an error or a trap (a `wasm_trap_t`, the same
    /// object as an error in Wasmtime 50's C API: see ``trapCode(_:)``).
    static func check(_ raw: OpaquePointer?, trap: OpaquePointer?, context: @autoclosure () -> String) throws(WasmtimeError) {
        try check(raw, context: context())
        if let trap { throw WasmtimeError(consuming: trap, context: context(), defaultKind: .trap) }
    }
}
