import ArgumentParser
import Foundation
import WasmPlugBindgen

struct Bindgen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate native plugin glue from the WIT a plugin implements.",
        discussion: """
            For C, writes one header: a typedef for every parameter list and result in the native \
            layout (with static assertions of their sizes), a prototype for each function to \
            implement, and, under WASMPLUG_PLUGIN_IMPLEMENTATION, the function table, the WIT \
            and a macro that defines the descriptor:

              wasmplug bindgen --lang c --world keyvalue-sqlite wit/store.wit -o store_plugin.h
            """
    )

    enum Language: String, ExpressibleByArgument, CaseIterable {
        case c, swift
    }

    @Option(help: "The language of the glue: c (a header) or swift (a protocol to implement, for WasmPlugPluginSDK).")
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
            let generator: any BindingsGenerator.Type = lang == .c ? CHeaderGenerator.self : SwiftBindingsGenerator.self
            header = try generator.init(source: source).generate()
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
