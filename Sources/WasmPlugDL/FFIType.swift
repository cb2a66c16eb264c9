import CFFI

/// A libffi struct type description, with its fields' offsets as libffi lays them out.
///
/// Owns the description's memory; the descriptions of nested structs stay alive with it.
final class FFIStruct {
    let raw: UnsafeMutablePointer<ffi_type>
    /// Each field's byte offset from the start of the struct.
    let offsets: [Int]
    private let elements: UnsafeMutablePointer<UnsafeMutablePointer<ffi_type>?>
    private let members: [FFIStruct]

    /// Lays out a struct of `fields`, in order; `members` are the nested structs among them.
    init(fields: [UnsafeMutablePointer<ffi_type>], members: [FFIStruct] = []) throws(DLError) {
        guard !fields.isEmpty else {
            throw DLError(.invalidSignature, "a structure needs at least one field")
        }
        elements = .allocate(capacity: fields.count + 1)
        for (index, field) in fields.enumerated() { (elements + index).initialize(to: field) }
        (elements + fields.count).initialize(to: nil)
        raw = .allocate(capacity: 1)
        raw.initialize(to: ffi_type(size: 0, alignment: 0, type: UInt16(FFI_TYPE_STRUCT), elements: elements))
        self.members = members
        var offsets = [Int](repeating: 0, count: fields.count)
        let status = ffi_get_struct_offsets(FFI_DEFAULT_ABI, raw, &offsets)
        self.offsets = offsets
        guard status == FFI_OK else {
            throw DLError(.invalidSignature, "libffi cannot lay out a structure of \(fields.count) fields (status \(status.rawValue))")
        }
    }

    deinit {
        raw.deallocate()
        elements.deallocate()
    }

    var size: Int { raw.pointee.size }
    var alignment: Int { Int(raw.pointee.alignment) }
}

/// A ``CType`` with its libffi description.
struct FFIType {
    let type: CType
    let raw: UnsafeMutablePointer<ffi_type>
    /// The struct description, for `structure` types.
    let structure: FFIStruct?

    init(_ type: CType) throws(DLError) {
        self.type = type
        switch type {
        case .scalar(let scalar):
            raw = scalar.ffiType
            structure = nil
        case .cstring:
            raw = CScalar.pointer.ffiType
            structure = nil
        case .void:
            raw = cffi_scalar_type(CFFI_VOID)
            structure = nil
        case .structure(let fields):
            let layout = try FFIStruct(fields: fields.map(\.ffiType))
            raw = layout.raw
            structure = layout
        }
    }

    /// The size in bytes: for structs, as libffi computed it.
    var size: Int { structure?.size ?? raw.pointee.size }
    var alignment: Int { structure?.alignment ?? Int(raw.pointee.alignment) }
}
