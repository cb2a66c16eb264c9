import Foundation
import WasmPlugEngine
import WasmPlugWIT
import XCTest

/// The shape of `wasi:keyvalue/store@0.2.0-draft`, exported by a plugin world.
let keyValueWIT = """
    package wasi:keyvalue@0.2.0-draft;

    /// Eventually consistent key-value operations.
    interface store {
        /// Errors the store's functions may return.
        variant error {
            no-such-store,
            access-denied,
            other(string),
        }

        /// A page of keys, and where the next page starts.
        record key-response {
            keys: list<string>,
            cursor: option<string>,
        }

        open: func(identifier: string) -> result<bucket, error>;

        /* A bucket of key-value pairs. */
        resource bucket {
            get: func(key: string) -> result<option<list<u8>>, error>;
            set: func(key: string, value: list<u8>) -> result<_, error>;
            delete: func(key: string) -> result<_, error>;
            exists: func(key: string) -> result<bool, error>;
            list-keys: func(cursor: option<string>) -> result<key-response, error>;
        }
    }

    world plugin {
        export store;
    }
    """

final class KeyValueStoreTests: XCTestCase {
    let storeError = WITType.variant([.init("no-such-store"), .init("access-denied"), .init("other", .string)])
    let keyResponse = WITType.record([.init("keys", .list(.string)), .init("cursor", .option(.string))])

    func store() throws -> WITInterface {
        let document = try WITDocument.parse(keyValueWIT, fileName: "keyvalue.wit")
        XCTAssertEqual(document.packageName, "wasi:keyvalue@0.2.0-draft")
        XCTAssertEqual(document.worldNames, ["plugin"])
        let exports = try document.exports(ofWorld: "plugin")
        guard exports.count == 1, case .interface(let store) = exports[0] else {
            XCTFail("expected one exported interface, got \(exports)")
            throw CancellationError()
        }
        return store
    }

    func testExportedInterfaceHasEveryFunctionWithItsType() throws {
        let store = try store()
        let bucket = WITType.Field("self", .borrow("bucket"))
        XCTAssertEqual(store.name, "wasi:keyvalue/store@0.2.0-draft")
        XCTAssertEqual(store.resources, ["bucket"])
        XCTAssertEqual(store.functions, [
            WITFunction(
                name: "open", parameters: [.init("identifier", .string)],
                result: .result(ok: .own("bucket"), err: storeError)),
            WITFunction(
                name: "[method]bucket.get", parameters: [bucket, .init("key", .string)],
                result: .result(ok: .option(.list(.u8)), err: storeError)),
            WITFunction(
                name: "[method]bucket.set", parameters: [bucket, .init("key", .string), .init("value", .list(.u8))],
                result: .result(ok: nil, err: storeError)),
            WITFunction(
                name: "[method]bucket.delete", parameters: [bucket, .init("key", .string)],
                result: .result(ok: nil, err: storeError)),
            WITFunction(
                name: "[method]bucket.exists", parameters: [bucket, .init("key", .string)],
                result: .result(ok: .bool, err: storeError)),
            WITFunction(
                name: "[method]bucket.list-keys", parameters: [bucket, .init("cursor", .option(.string))],
                result: .result(ok: keyResponse, err: storeError)),
        ])
    }

    func testFunctionsDescribeThemselvesInWITSyntax() throws {
        let error = "variant { no-such-store, access-denied, other(string) }"
        XCTAssertEqual(try store().functions.map(\.description), [
            "open: func(identifier: string) -> result<own<bucket>, \(error)>",
            "[method]bucket.get: func(self: borrow<bucket>, key: string) -> result<option<list<u8>>, \(error)>",
            "[method]bucket.set: func(self: borrow<bucket>, key: string, value: list<u8>) -> result<_, \(error)>",
            "[method]bucket.delete: func(self: borrow<bucket>, key: string) -> result<_, \(error)>",
            "[method]bucket.exists: func(self: borrow<bucket>, key: string) -> result<bool, \(error)>",
            "[method]bucket.list-keys: func(self: borrow<bucket>, cursor: option<string>) "
                + "-> result<record { keys: list<string>, cursor: option<string> }, \(error)>",
        ])
    }

    /// Every function matches the type Wasmtime reads from a component built from the same WIT,
    /// resource handles included, and no other function's type.
    func testFunctionsMatchTheTypesWasmtimeReadsFromAComponent() throws {
        let component = try Component(engine: Engine(), bytes: [UInt8](Data(base64Encoded: keyValueImporter)!))
        let instance = try XCTUnwrap(component.type.imports.first { $0.name == "wasi:keyvalue/store@0.2.0-draft" })
        let engineFunctions: [String: FunctionType] = Dictionary(uniqueKeysWithValues: instance.item.instanceItems.compactMap {
            guard case .function(let type) = $0.item else { return nil }
            return ($0.name, type)
        })
        let functions = try store().functions
        XCTAssertEqual(Set(engineFunctions.keys), Set(functions.map(\.name)))
        for function in functions {
            for (name, engineType) in engineFunctions {
                XCTAssertEqual(function.matches(engineType), name == function.name, "\(function) against \(name)")
            }
        }
    }
}

/// `(component (import "wasi:keyvalue/store@0.2.0-draft" (instance ...)))`: the import that
/// `wasm-tools component embed --dummy` and `component new` (1.262.0) write for a world that
/// imports the store interface of `keyValueWIT`, alone, through `wasm-tools parse` and `strip -a`.
let keyValueImporter = """
    AGFzbQ0AAQAHigMBQhwEAAZidWNrZXQDAQFxAw1uby1zdWNoLXN0b3JlAAANYWNjZXNzLWRlbmllZAAABW90aGVyAXMABAAF\
    ZXJyb3IDAAEBcHMBa3MBcgIEa2V5cwMGY3Vyc29yBAQADGtleS1yZXNwb25zZQMABQFoAAFwfQFrCAFqAQkBAgFAAgRzZWxm\
    BwNrZXlzAAoEABJbbWV0aG9kXWJ1Y2tldC5nZXQBCwFqAAECAUADBHNlbGYHA2tleXMFdmFsdWUIAAwEABJbbWV0aG9kXWJ1\
    Y2tldC5zZXQBDQFAAgRzZWxmBwNrZXlzAAwEABVbbWV0aG9kXWJ1Y2tldC5kZWxldGUBDgFqAX8BAgFAAgRzZWxmBwNrZXlz\
    AA8EABVbbWV0aG9kXWJ1Y2tldC5leGlzdHMBEAFqAQYBAgFAAgRzZWxmBwZjdXJzb3IEABEEABhbbWV0aG9kXWJ1Y2tldC5s\
    aXN0LWtleXMBEgFpAAFqARMBAgFAAQppZGVudGlmaWVycwAUBAAEb3BlbgEVCiQBAB93YXNpOmtleXZhbHVlL3N0b3JlQDAu\
    Mi4wLWRyYWZ0BQA=
    """
