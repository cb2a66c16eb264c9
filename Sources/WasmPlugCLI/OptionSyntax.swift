import Foundation
import WasmPlugEngine
import WasmPlugCache
import WasmPlugHost
import WasmPlugProvider

/// Parsers for the CLI's option values; each error names the option and shows a valid form.
enum OptionSyntax {
    static func environmentVariable(_ text: String) throws(HostError) -> (name: String, value: String) {
        if let equals = text.firstIndex(of: "=") {
            let name = String(text[..<equals])
            guard !name.isEmpty else { throw HostError("--env '\(text)': the name is empty; write NAME=VALUE") }
            return (name, String(text[text.index(after: equals)...]))
        }
        guard let value = ProcessInfo.processInfo.environment[text] else {
            throw HostError("--env \(text): the host has no such variable to pass on; write \(text)=VALUE")
        }
        return (text, value)
    }

    static func preopen(_ text: String) throws(HostError) -> WASIConfiguration.Preopen {
        let parts = text.components(separatedBy: "::")
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw HostError("--dir '\(text)': write HOST or HOST::GUEST, e.g. --dir ./data::/data")
        }
        let host = parts[0], guest = parts.count == 2 ? parts[1] : parts[0]
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: host, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw HostError("--dir \(text): '\(host)' is not a directory on the host")
        }
        return .init(hostPath: host, guestPath: guest)
    }

    static func duration(_ text: String) throws(HostError) -> Double {
        try parseDuration(text, option: "--timeout")
    }

    static func byteSize(_ text: String, option: String = "--max-memory") throws(HostError) -> Int64 {
        try parseByteSize(text, option: option)
    }
}
