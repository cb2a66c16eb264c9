import WasmPlugNative
import WasmPlugTestSupport
import XCTest

/// Loading: a well-formed plugin is read completely; every malformed library is refused
/// with one message naming the file and the fault, never a crash.
final class PluginLibraryTests: XCTestCase {
    func message(_ library: String) -> String {
        do {
            _ = try PluginLibrary(path: Toolchain.pluginPath(library))
            return "loaded"
        } catch {
            return error.description
        }
    }

    func testTheEchoPluginDescribesItself() throws {
        let plugin = try PluginLibrary(path: Toolchain.pluginPath("libecho.so"))
        XCTAssertEqual(plugin.abiVersion, 1)
        XCTAssertEqual(plugin.name, "echo")
        XCTAssertEqual(plugin.version, "0.1.0")
        XCTAssertEqual(plugin.world, "echo-plugin")
        XCTAssertTrue(plugin.wit.contains("world echo-plugin"))
        XCTAssertTrue(plugin.functionNames.contains("wasmplug:test/host@0.1.0#echo-shape"))
        XCTAssertEqual(plugin.resourceNames, ["wasmplug:test/host@0.1.0#counter"])
        XCTAssertEqual(plugin.configurationKeys.map(\.name), ["refuse"])
        XCTAssertFalse(plugin.isThreadSafe)
    }

    func testMalformedLibrariesAreRefusedWithTheirFault() {
        XCTAssertTrue(message("libnotelf.so").contains("cannot load it as a shared library"), message("libnotelf.so"))
        XCTAssertTrue(message("libnosymbol.so").hasSuffix("exports no wasmplug_plugin_descriptor function: it is not a WasmPlug plugin"))
        XCTAssertTrue(message("libnulldescriptor.so").hasSuffix("wasmplug_plugin_descriptor() returned NULL"))
        XCTAssertTrue(message("libnullname.so").hasSuffix("its descriptor's name is NULL"))
        XCTAssertTrue(message("libnullfunctions.so").hasSuffix("its descriptor lists 1 functions but the array is NULL"))
        XCTAssertTrue(message("libtruncateddescriptor.so").contains("its descriptor is 8 bytes, smaller than ABI v1's"))
        do {
            _ = try PluginLibrary(path: "/no/such/libplugin.so")
            XCTFail("loaded a missing file")
        } catch {
            XCTAssertEqual(error.description, "plugin '/no/such/libplugin.so': no such file")
        }
    }

    func testTheWITIsReadAndMustMatchTheFunctionTable() throws {
        XCTAssertTrue(message("libbadwit.so").hasSuffix("its WIT does not parse: malformed.wit:2:31: expected an identifier, got ';'"),
                      message("libbadwit.so"))
        XCTAssertTrue(message("libmissingfunction.so").hasSuffix(
            "its WIT exports example:plugin/api@1.0.0#something, but its function table has no entry point for it"))
        let echo = try PluginLibrary(path: Toolchain.pluginPath("libecho.so"))
        XCTAssertEqual(echo.exports.count, 1)
    }

    func testAPluginForANewerABIIsRefusedNamingBothVersions() {
        XCTAssertTrue(message("libfutureabi.so").hasSuffix("needs plugin ABI v99, but this runtime supports v1...v1: upgrade wasmplug"))
    }

    func testADescriptorLargerThanTheRuntimeKnowsStillLoads() throws {
        let plugin = try PluginLibrary(path: Toolchain.pluginPath("libbiggerdescriptor.so"))
        XCTAssertEqual(plugin.name, "malformed")
        XCTAssertEqual(plugin.functionNames, ["example:plugin/api@1.0.0#nothing"])
    }
}
