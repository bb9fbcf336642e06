import ArgumentParser
import Parallax

/// What `run` and `check` accept for a script: the scenario in place of its first `load`,
/// and the values of its `${NAME}` parameters.
struct ScriptOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run on this scenario (relative to the working directory): it replaces the script's first 'load', or the default.", valueName: "file"), completion: .scenarioFile)
    var scenario: String?

    @Option(name: .customShort("D"),
            help: ArgumentHelp("Give the script's ${NAME} the value VALUE (as one word). Repeatable.", valueName: "NAME=VALUE"))
    var define: [String] = []

    /// The `-D` values, or a usage error.
    func parameters() throws -> ScriptParameters {
        var parameters = ScriptParameters()
        for d in define {
            if let problem = parameters.define(d) { throw ValidationError(problem) }
        }
        return parameters
    }

    /// `--scenario FILE -D A=B` as typed, for a command line to suggest.
    var asArguments: String {
        var out = ""
        if let scenario { out += " --scenario " + Lexer.quotedIfNeeded(scenario) }
        for d in define { out += " -D " + Lexer.quotedIfNeeded(d) }
        return out
    }
}
