import ArgumentParser
import WasmPlugNATS

/// How a wrpc+nats server authenticates to its NATS server: the `-P nats-*` items of `run`, as
/// options. Secrets come from files or environment variables, never argv.
public struct NATSAuthenticationArguments: ParsableArguments {
    @Option(help: ArgumentHelp("wrpc+nats: the NATS user (with --nats-password-file or --nats-password-env).", valueName: "name"))
    var natsUser: String?

    @Option(help: ArgumentHelp("wrpc+nats: a file holding the NATS user's password.", valueName: "file"))
    var natsPasswordFile: String?

    @Option(help: ArgumentHelp("wrpc+nats: an environment variable holding the NATS user's password.", valueName: "variable"))
    var natsPasswordEnv: String?

    @Option(help: ArgumentHelp("wrpc+nats: a file holding the NATS token.", valueName: "file"))
    var natsTokenFile: String?

    @Option(help: ArgumentHelp("wrpc+nats: an environment variable holding the NATS token.", valueName: "variable"))
    var natsTokenEnv: String?

    @Option(help: ArgumentHelp("wrpc+nats: a file holding a user NKey seed (SU...), which signs the server's nonce.", valueName: "file"))
    var natsNkeySeedFile: String?

    @Option(help: ArgumentHelp("wrpc+nats: a credentials file (a user JWT and its NKey seed, as nsc writes them).", valueName: "file"))
    var natsCreds: String?

    public init() {}

    /// The authentication the options describe; the error names the options.
    public func authentication() throws -> NATSAuthentication {
        var authentication = NATSAuthentication()
        let given = [natsUser, natsPasswordFile, natsPasswordEnv, natsTokenFile, natsTokenEnv, natsNkeySeedFile, natsCreds]
        for (key, value) in zip(NATSAuthentication.optionKeys, given) {
            if let value { authentication.set(key, value) }
        }
        do throws(NATSError) {
            try authentication.validate(optionPrefix: "--")
        } catch {
            throw fail(error.message)
        }
        return authentication
    }
}
