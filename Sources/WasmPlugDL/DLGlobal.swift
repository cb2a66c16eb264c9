/// A global variable of a library, read and written as a declared C type.
public final class DLGlobal {
    public let symbol: DLSymbol
    private let type: FFIType

    init(symbol: DLSymbol, type: CType) throws(DLError) {
        switch type {
        case .void, .cstring:
            throw DLError(.invalidSignature, "global \(symbol.name) cannot have type \(type); declare a scalar, a structure "
                + "or (for a char * global) pointer")
        case .scalar, .structure:
            self.type = try FFIType(type)
        }
        self.symbol = symbol
    }

    /// The variable's current value.
    public func get() -> CValue { type.load(from: symbol.address) }

    /// Stores `value`, which must have the declared type.
    public func set(_ value: CValue) throws(DLError) {
        try value.check(against: type.type, what: "the value of global \(symbol.name)")
        type.store(value, to: symbol.address)
    }
}
