import CWasmtime
import Foundation
import XCTest

/// Pins every struct size, field offset and tag that CWasmtime.h relies on.
///
/// The expected numbers come from the Wasmtime 50.0.1 wheel's own ctypes bindings
/// (`wasmtime/_bindings.py`, `wasmtime/_ffi.py`), read by running Python, so a library
/// whose layout changed fails here instead of corrupting memory.
final class LayoutTests: XCTestCase {
    /// Facts read from the installed wasmtime wheel, by name.
    static let library: [String: Int] = {
        let script = """
        import ctypes, json
        import wasmtime._bindings as b, wasmtime._ffi as f
        out = {}
        for name in ["wasmtime_component_val_t", "wasmtime_component_valtype_t", "wasmtime_component_item_t",
                     "wasmtime_component_func_t", "wasmtime_component_instance_t", "wasmtime_component_vallist_t",
                     "wasmtime_component_valrecord_t", "wasmtime_component_valtuple_t", "wasmtime_component_valflags_t",
                     "wasmtime_component_valvariant_t", "wasmtime_component_valresult_t",
                     "wasmtime_component_valrecord_entry_t", "wasm_byte_vec_t", "wasmtime_component_valunion_t",
                     "wasmtime_val_t", "wasmtime_valunion_t", "wasmtime_extern_t", "wasmtime_extern_union_t",
                     "wasmtime_func_t", "wasmtime_instance_t", "wasm_importtype_vec_t", "wasm_exporttype_vec_t",
                     "wasm_valtype_vec_t"]:
            t = getattr(b, name)
            out["size." + name] = ctypes.sizeof(t)
            out["align." + name] = ctypes.alignment(t)
        for struct, field in [("wasmtime_component_val_t", "of"), ("wasmtime_component_valtype_t", "of"),
                              ("wasmtime_component_item_t", "of"), ("wasmtime_component_valrecord_entry_t", "val"),
                              ("wasmtime_component_valvariant_t", "val"), ("wasmtime_component_valresult_t", "val"),
                              ("wasmtime_component_vallist_t", "data"), ("wasmtime_val_t", "of"),
                              ("wasmtime_extern_t", "of")]:
            out["offset." + struct + "." + field] = getattr(getattr(b, struct), field).offset
        for name in dir(f):
            if name.startswith("WASMTIME_COMPONENT_"):
                out["tag." + name] = getattr(f, name).value
        for name in ["WASMTIME_I32", "WASMTIME_I64", "WASMTIME_F32", "WASMTIME_F64", "WASMTIME_EXTERN_FUNC",
                     "WASM_I32", "WASM_I64", "WASM_F32", "WASM_F64", "WASM_FUNCREF"]:
            out["core." + name] = getattr(f, name).value
        for code in b.wasmtime_trap_code_enum:
            out["trap." + code.name] = code.value
        print(json.dumps(out))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try! process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "python3 could not read the wasmtime wheel: run scripts/setup.sh")
        return try! JSONDecoder().decode([String: Int].self, from: data)
    }()

    func expect<T>(_ type: T.Type, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(MemoryLayout<T>.size, Self.library["size.\(name)"], "size of \(name)", file: file, line: line)
        XCTAssertEqual(MemoryLayout<T>.alignment, Self.library["align.\(name)"], "alignment of \(name)", file: file, line: line)
    }

    func testStructSizesMatchTheLibrary() {
        expect(wasmtime_component_val_t.self, "wasmtime_component_val_t")
        expect(wasmtime_component_valunion_t.self, "wasmtime_component_valunion_t")
        expect(wasmtime_component_valtype_t.self, "wasmtime_component_valtype_t")
        expect(wasmtime_component_item_t.self, "wasmtime_component_item_t")
        expect(wasmtime_component_func_t.self, "wasmtime_component_func_t")
        expect(wasmtime_component_instance_t.self, "wasmtime_component_instance_t")
        expect(wasmtime_component_vallist_t.self, "wasmtime_component_vallist_t")
        expect(wasmtime_component_valrecord_t.self, "wasmtime_component_valrecord_t")
        expect(wasmtime_component_valtuple_t.self, "wasmtime_component_valtuple_t")
        expect(wasmtime_component_valflags_t.self, "wasmtime_component_valflags_t")
        expect(wasmtime_component_valvariant_t.self, "wasmtime_component_valvariant_t")
        expect(wasmtime_component_valresult_t.self, "wasmtime_component_valresult_t")
        expect(wasmtime_component_valrecord_entry_t.self, "wasmtime_component_valrecord_entry_t")
        expect(wasm_byte_vec_t.self, "wasm_byte_vec_t")
        expect(wasmtime_val_t.self, "wasmtime_val_t")
        expect(wasmtime_valunion_t.self, "wasmtime_valunion_t")
        expect(wasmtime_extern_t.self, "wasmtime_extern_t")
        expect(wasmtime_extern_union_t.self, "wasmtime_extern_union_t")
        expect(wasmtime_func_t.self, "wasmtime_func_t")
        expect(wasmtime_instance_t.self, "wasmtime_instance_t")
        expect(wasm_importtype_vec_t.self, "wasm_importtype_vec_t")
        expect(wasm_exporttype_vec_t.self, "wasm_exporttype_vec_t")
        expect(wasm_valtype_vec_t.self, "wasm_valtype_vec_t")
    }

    func testTheMeasuredValueLayout() {
        // MISSION.md: 32 bytes, align 8, kind at 0, a 24-byte union at 8.
        XCTAssertEqual(MemoryLayout<wasmtime_component_val_t>.size, 32)
        XCTAssertEqual(MemoryLayout<wasmtime_component_val_t>.alignment, 8)
        XCTAssertEqual(MemoryLayout<wasmtime_component_val_t>.offset(of: \.kind), 0)
        XCTAssertEqual(MemoryLayout<wasmtime_component_val_t>.offset(of: \.of), 8)
        XCTAssertEqual(MemoryLayout<wasmtime_component_valunion_t>.size, 24)
    }

    func testFieldOffsetsMatchTheLibrary() {
        let checks: [(String, Int?)] = [
            ("wasmtime_component_val_t.of", MemoryLayout<wasmtime_component_val_t>.offset(of: \.of)),
            ("wasmtime_component_valtype_t.of", MemoryLayout<wasmtime_component_valtype_t>.offset(of: \.of)),
            ("wasmtime_component_item_t.of", MemoryLayout<wasmtime_component_item_t>.offset(of: \.of)),
            ("wasmtime_component_valrecord_entry_t.val", MemoryLayout<wasmtime_component_valrecord_entry_t>.offset(of: \.val)),
            ("wasmtime_component_valvariant_t.val", MemoryLayout<wasmtime_component_valvariant_t>.offset(of: \.val)),
            ("wasmtime_component_valresult_t.val", MemoryLayout<wasmtime_component_valresult_t>.offset(of: \.val)),
            ("wasmtime_component_vallist_t.data", MemoryLayout<wasmtime_component_vallist_t>.offset(of: \.data)),
            ("wasmtime_val_t.of", MemoryLayout<wasmtime_val_t>.offset(of: \.of)),
            ("wasmtime_extern_t.of", MemoryLayout<wasmtime_extern_t>.offset(of: \.of)),
        ]
        for (name, offset) in checks {
            XCTAssertEqual(offset, Self.library["offset.\(name)"], "offset of \(name)")
        }
    }

    func testTagsMatchTheLibrary() {
        let ours: [String: Int] = [
            "WASMTIME_COMPONENT_BOOL": WASMTIME_COMPONENT_BOOL, "WASMTIME_COMPONENT_S8": WASMTIME_COMPONENT_S8,
            "WASMTIME_COMPONENT_U8": WASMTIME_COMPONENT_U8, "WASMTIME_COMPONENT_S16": WASMTIME_COMPONENT_S16,
            "WASMTIME_COMPONENT_U16": WASMTIME_COMPONENT_U16, "WASMTIME_COMPONENT_S32": WASMTIME_COMPONENT_S32,
            "WASMTIME_COMPONENT_U32": WASMTIME_COMPONENT_U32, "WASMTIME_COMPONENT_S64": WASMTIME_COMPONENT_S64,
            "WASMTIME_COMPONENT_U64": WASMTIME_COMPONENT_U64, "WASMTIME_COMPONENT_F32": WASMTIME_COMPONENT_F32,
            "WASMTIME_COMPONENT_F64": WASMTIME_COMPONENT_F64, "WASMTIME_COMPONENT_CHAR": WASMTIME_COMPONENT_CHAR,
            "WASMTIME_COMPONENT_STRING": WASMTIME_COMPONENT_STRING, "WASMTIME_COMPONENT_LIST": WASMTIME_COMPONENT_LIST,
            "WASMTIME_COMPONENT_RECORD": WASMTIME_COMPONENT_RECORD, "WASMTIME_COMPONENT_TUPLE": WASMTIME_COMPONENT_TUPLE,
            "WASMTIME_COMPONENT_VARIANT": WASMTIME_COMPONENT_VARIANT, "WASMTIME_COMPONENT_ENUM": WASMTIME_COMPONENT_ENUM,
            "WASMTIME_COMPONENT_OPTION": WASMTIME_COMPONENT_OPTION, "WASMTIME_COMPONENT_RESULT": WASMTIME_COMPONENT_RESULT,
            "WASMTIME_COMPONENT_FLAGS": WASMTIME_COMPONENT_FLAGS, "WASMTIME_COMPONENT_RESOURCE": WASMTIME_COMPONENT_RESOURCE,
            "WASMTIME_COMPONENT_VALTYPE_BOOL": WASMTIME_COMPONENT_VALTYPE_BOOL,
            "WASMTIME_COMPONENT_VALTYPE_S8": WASMTIME_COMPONENT_VALTYPE_S8,
            "WASMTIME_COMPONENT_VALTYPE_S16": WASMTIME_COMPONENT_VALTYPE_S16,
            "WASMTIME_COMPONENT_VALTYPE_S32": WASMTIME_COMPONENT_VALTYPE_S32,
            "WASMTIME_COMPONENT_VALTYPE_S64": WASMTIME_COMPONENT_VALTYPE_S64,
            "WASMTIME_COMPONENT_VALTYPE_U8": WASMTIME_COMPONENT_VALTYPE_U8,
            "WASMTIME_COMPONENT_VALTYPE_U16": WASMTIME_COMPONENT_VALTYPE_U16,
            "WASMTIME_COMPONENT_VALTYPE_U32": WASMTIME_COMPONENT_VALTYPE_U32,
            "WASMTIME_COMPONENT_VALTYPE_U64": WASMTIME_COMPONENT_VALTYPE_U64,
            "WASMTIME_COMPONENT_VALTYPE_F32": WASMTIME_COMPONENT_VALTYPE_F32,
            "WASMTIME_COMPONENT_VALTYPE_F64": WASMTIME_COMPONENT_VALTYPE_F64,
            "WASMTIME_COMPONENT_VALTYPE_CHAR": WASMTIME_COMPONENT_VALTYPE_CHAR,
            "WASMTIME_COMPONENT_VALTYPE_STRING": WASMTIME_COMPONENT_VALTYPE_STRING,
            "WASMTIME_COMPONENT_VALTYPE_LIST": WASMTIME_COMPONENT_VALTYPE_LIST,
            "WASMTIME_COMPONENT_VALTYPE_RECORD": WASMTIME_COMPONENT_VALTYPE_RECORD,
            "WASMTIME_COMPONENT_VALTYPE_TUPLE": WASMTIME_COMPONENT_VALTYPE_TUPLE,
            "WASMTIME_COMPONENT_VALTYPE_VARIANT": WASMTIME_COMPONENT_VALTYPE_VARIANT,
            "WASMTIME_COMPONENT_VALTYPE_ENUM": WASMTIME_COMPONENT_VALTYPE_ENUM,
            "WASMTIME_COMPONENT_VALTYPE_OPTION": WASMTIME_COMPONENT_VALTYPE_OPTION,
            "WASMTIME_COMPONENT_VALTYPE_RESULT": WASMTIME_COMPONENT_VALTYPE_RESULT,
            "WASMTIME_COMPONENT_VALTYPE_FLAGS": WASMTIME_COMPONENT_VALTYPE_FLAGS,
            "WASMTIME_COMPONENT_VALTYPE_OWN": WASMTIME_COMPONENT_VALTYPE_OWN,
            "WASMTIME_COMPONENT_VALTYPE_BORROW": WASMTIME_COMPONENT_VALTYPE_BORROW,
            "WASMTIME_COMPONENT_VALTYPE_FUTURE": WASMTIME_COMPONENT_VALTYPE_FUTURE,
            "WASMTIME_COMPONENT_VALTYPE_STREAM": WASMTIME_COMPONENT_VALTYPE_STREAM,
            "WASMTIME_COMPONENT_VALTYPE_ERROR_CONTEXT": WASMTIME_COMPONENT_VALTYPE_ERROR_CONTEXT,
            "WASMTIME_COMPONENT_ITEM_COMPONENT": WASMTIME_COMPONENT_ITEM_COMPONENT,
            "WASMTIME_COMPONENT_ITEM_COMPONENT_INSTANCE": WASMTIME_COMPONENT_ITEM_COMPONENT_INSTANCE,
            "WASMTIME_COMPONENT_ITEM_MODULE": WASMTIME_COMPONENT_ITEM_MODULE,
            "WASMTIME_COMPONENT_ITEM_COMPONENT_FUNC": WASMTIME_COMPONENT_ITEM_COMPONENT_FUNC,
            "WASMTIME_COMPONENT_ITEM_RESOURCE": WASMTIME_COMPONENT_ITEM_RESOURCE,
            "WASMTIME_COMPONENT_ITEM_CORE_FUNC": WASMTIME_COMPONENT_ITEM_CORE_FUNC,
            "WASMTIME_COMPONENT_ITEM_TYPE": WASMTIME_COMPONENT_ITEM_TYPE,
        ]
        for (name, value) in ours {
            XCTAssertEqual(value, Self.library["tag.\(name)"], "tag \(name)")
        }
        // Every tag the library's bindings define is one we declare.
        let theirs = Set(Self.library.keys.filter { $0.hasPrefix("tag.") }.map { String($0.dropFirst(4)) })
        XCTAssertEqual(theirs.subtracting(ours.keys), [], "tags the library defines that CWasmtime.h lacks")
    }

    /// The core-module tags (values, externs) that CWasmtime.h declares for WASI preview 1 modules.
    func testCoreModuleTagsMatchTheLibrary() {
        let ours: [String: Int] = [
            "WASMTIME_I32": WASMTIME_I32, "WASMTIME_I64": WASMTIME_I64, "WASMTIME_F32": WASMTIME_F32,
            "WASMTIME_F64": WASMTIME_F64, "WASMTIME_EXTERN_FUNC": WASMTIME_EXTERN_FUNC,
            "WASM_I32": WASM_I32, "WASM_I64": WASM_I64, "WASM_F32": WASM_F32, "WASM_F64": WASM_F64, "WASM_FUNCREF": WASM_FUNCREF,
        ]
        for (name, value) in ours {
            XCTAssertEqual(value, Self.library["core.\(name)"], "tag \(name)")
        }
    }

    func testTrapCodesMatchTheLibrary() {
        let ours: [String: Int] = [
            "WASMTIME_TRAP_CODE_INTERRUPT": WASMTIME_TRAP_CODE_INTERRUPT,
            "WASMTIME_TRAP_CODE_OUT_OF_FUEL": WASMTIME_TRAP_CODE_OUT_OF_FUEL,
        ]
        for (name, value) in ours {
            XCTAssertEqual(value, Self.library["trap.\(name)"], "trap code \(name)")
        }
        XCTAssertEqual(MemoryLayout<wasmtime_trap_code_t>.size, 1)
    }
}
