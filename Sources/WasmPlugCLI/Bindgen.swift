import ArgumentParser
import WasmPlugCommandLine
import Foundation
import WasmPlugBindgen

struct Bindgen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate plugin glue from the WIT a plugin implements: native plugins (C, Swift) or wRPC servers (Swift).",
        discussion: """
            For C, writes one header: a typedef for every parameter list and result in the native \
            layout (with static assertions of their sizes), a prototype for each function to \
            implement, and, under WASMPLUG_PLUGIN_IMPLEMENTATION, the function table, the WIT \
            and a macro that defines the descriptor:

              wasmplug bindgen --lang c --world keyvalue-sqlite wit/store.wit -o store_plugin.h

            For an RPC plugin server in Swift (WasmPlugRPCServer), swift-wrpc writes Swift types for \
            the WIT's types, a protocol with one method per function, and WRPCService.register(_:):

              wasmplug bindgen --lang swift-wrpc --world keyvalue-store wit/store.wit -o KeyvalueStoreServer.swift
            """
    )

    enum Language: String, ExpressibleByArgument, CaseIterable {
        case c, swift
        case swiftWRPC = "swift-wrpc"

        var generator: any BindingsGenerator.Type {
            switch self {
            case .c: CHeaderGenerator.self
            case .swift: SwiftBindingsGenerator.self
            case .swiftWRPC: SwiftServerBindingsGenerator.self
            }
        }
    }

    @Option(help: "The language of the glue: c (a header), swift (a protocol to implement, for WasmPlugPluginSDK), or swift-wrpc (a typed wRPC server, for WasmPlugRPCServer).")
    var lang: Language

    @Option(help: "The world whose exports the plugin implements.")
    var world: String

    @Option(name: .shortAndLong, help: "Where to write the glue; standard output when omitted.")
    var output: String?

    @Argument(help: "The WIT document (.wit).")
    var wit: String

    func run() throws {
        guard let text = try? String(contentsOfFile: wit, encoding: .utf8) else {
            throw fail("cannot read '\(wit)': no such file, or not UTF-8 text")
        }
        let fileName = URL(fileURLWithPath: wit).lastPathComponent
        let header: String
        do {
            let source = BindingsSource(wit: text, fileName: fileName, world: world)
            header = try lang.generator.init(source: source).generate()
        } catch {
            throw fail("\(error)")
        }
        guard let output else { return print(header, terminator: "") }
        do {
            try header.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            throw fail("cannot write '\(output)': \(error.localizedDescription)")
        }
    }
}
