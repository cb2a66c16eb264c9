import WasmPlugBytes

extension WRPCError: ByteReaderError {
    public static func truncated(inside what: String, needed: Int?, remaining: Int, at offset: Int) -> WRPCError {
        let message = needed.map { "input ends inside \(what): needs \($0) bytes, \(remaining) remain" } ?? "input ends inside \(what)"
        return WRPCError(.truncated, message, offset: offset)
    }

    public static func invalidLEB128(_ what: String, _ problem: String, at offset: Int) -> WRPCError {
        WRPCError(.invalidLEB128, "\(what): \(problem)", offset: offset)
    }
}

extension ByteReader<WRPCError> {
    /// A `u32` length or count, checked against `cap`.
    mutating func length(_ what: String, cap: Int) throws(WRPCError) -> Int {
        let start = offset
        let length = Int(try unsigned(bits: 32, "\(what) length"))
        guard length <= cap else {
            throw WRPCError(.lengthTooLarge, "\(what) length \(length) exceeds the cap of \(cap)", offset: start)
        }
        return length
    }
}
