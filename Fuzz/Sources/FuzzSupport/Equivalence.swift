import WasmPlugEngine

extension Value {
    /// Equality for round trips: like `==`, except that any NaN equals any NaN (encoders may
    /// write every NaN as the canonical one).
    public func isEquivalent(to other: Value) -> Bool {
        switch (self, other) {
        case (.f32(let a), .f32(let b)): return a.isNaN ? b.isNaN : a.bitPattern == b.bitPattern
        case (.f64(let a), .f64(let b)): return a.isNaN ? b.isNaN : a.bitPattern == b.bitPattern
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        case (.record(let a), .record(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.value.isEquivalent(to: $1.value) }
        case (.variant(let n, let a), .variant(let m, let b)):
            return n == m && Self.equivalent(a, b)
        case (.option(let a), .option(let b)), (.ok(let a), .ok(let b)), (.err(let a), .err(let b)):
            return Self.equivalent(a, b)
        default:
            return self == other
        }
    }

    private static func equivalent(_ a: Value?, _ b: Value?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): a.isEquivalent(to: b)
        default: false
        }
    }
}

/// Stops the fuzzer with a message: the input that got here shows a bug.
public func fuzzFailure(_ message: String) -> Never {
    fatalError("fuzz invariant broken: \(message)")
}
