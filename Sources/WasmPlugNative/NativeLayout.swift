import WasmPlugEngine

/// Where a value of some WIT type lives in native memory: the canonical ABI's memory layout
/// with native (64-bit) pointers, as docs/native-plugin-abi.md specifies.
public indirect enum NativeLayout: Equatable, Sendable {
    /// An integer, float, char or bool of `size` bytes.
    case scalar(size: Int)
    /// `wasmplug_str_t`: pointer and byte length.
    case string
    /// `wasmplug_list_t`: pointer and element count; elements laid out by `element`.
    case list(element: NativeLayout)
    /// Fields (of a record, a tuple or a parameter list) at their offsets.
    case fields([(offset: Int, layout: NativeLayout)], size: Int, alignment: Int)
    /// A discriminant of `discriminantSize` bytes, then one of `payloads` at `payloadOffset`.
    case variant(discriminantSize: Int, payloadOffset: Int, payloads: [NativeLayout?], size: Int, alignment: Int)
    /// Flag bits in `size` bytes.
    case flags(count: Int, size: Int)
    /// A resource representation (`uint32_t`).
    case handle

    public static func == (lhs: NativeLayout, rhs: NativeLayout) -> Bool {
        lhs.size == rhs.size && lhs.alignment == rhs.alignment && String(describing: lhs) == String(describing: rhs)
    }

    public var size: Int {
        switch self {
        case .scalar(let size): size
        case .string, .list: 16
        case .fields(_, let size, _), .variant(_, _, _, let size, _): size
        case .flags(_, let size): size
        case .handle: 4
        }
    }

    public var alignment: Int {
        switch self {
        case .scalar(let size): size
        case .string, .list: 8
        case .fields(_, _, let alignment), .variant(_, _, _, _, let alignment): alignment
        case .flags(_, let size): min(size, 4)
        case .handle: 4
        }
    }

    /// The layout of `type`; handles, futures, streams and error contexts are `uint32_t`s.
    public init<Resource>(_ type: ComponentValueType<Resource>) {
        switch type {
        case .bool, .s8, .u8: self = .scalar(size: 1)
        case .s16, .u16: self = .scalar(size: 2)
        case .s32, .u32, .f32, .char: self = .scalar(size: 4)
        case .s64, .u64, .f64: self = .scalar(size: 8)
        case .string: self = .string
        case .list(let element): self = .list(element: NativeLayout(element))
        case .record(let fields): self = .record(fields.map { NativeLayout($0.type) })
        case .tuple(let types): self = .record(types.map(NativeLayout.init))
        case .variant(let cases): self = .variant(cases.map { $0.payload.map(NativeLayout.init) })
        case .enumeration(let names): self = .variant(Array(repeating: nil, count: names.count))
        case .option(let inner): self = .variant([nil, NativeLayout(inner)])
        case .result(let ok, let err): self = .variant([ok.map(NativeLayout.init), err.map(NativeLayout.init)])
        case .flags(let names): self = .flags(count: names.count, size: Self.flagsSize(count: names.count))
        case .own, .borrow, .future, .stream, .errorContext: self = .handle
        }
    }

    /// Fields one after another, each aligned; the size rounded up to the largest alignment.
    public static func record(_ layouts: [NativeLayout]) -> NativeLayout {
        var offset = 0, alignment = 1
        var fields: [(offset: Int, layout: NativeLayout)] = []
        for layout in layouts {
            offset = align(offset, to: layout.alignment)
            fields.append((offset, layout))
            offset += layout.size
            alignment = max(alignment, layout.alignment)
        }
        return .fields(fields, size: align(offset, to: alignment), alignment: alignment)
    }

    /// A discriminant sized for the case count, then the payload aligned for every case.
    public static func variant(_ payloads: [NativeLayout?]) -> NativeLayout {
        let discriminant = discriminantSize(cases: payloads.count)
        let payloadAlignment = payloads.compactMap { $0?.alignment }.max() ?? 1
        let payloadOffset = align(discriminant, to: payloadAlignment)
        let payloadSize = payloads.compactMap { $0?.size }.max() ?? 0
        let alignment = max(discriminant, payloadAlignment)
        return .variant(discriminantSize: discriminant, payloadOffset: payloadOffset, payloads: payloads,
                        size: align(payloadOffset + payloadSize, to: alignment), alignment: alignment)
    }

    /// The bytes of the discriminant of a variant or enum with `cases` cases.
    public static func discriminantSize(cases: Int) -> Int {
        cases <= 256 ? 1 : cases <= 65536 ? 2 : 4
    }

    /// The bytes of `count` flags: one or two bytes for up to 8 or 16, else 32-bit words.
    public static func flagsSize(count: Int) -> Int {
        count <= 8 ? 1 : count <= 16 ? 2 : 4 * ((count + 31) / 32)
    }

    static func align(_ offset: Int, to alignment: Int) -> Int {
        (offset + alignment - 1) / alignment * alignment
    }
}
