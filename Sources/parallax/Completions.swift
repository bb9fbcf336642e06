import ArgumentParser

/// The command line as shells should complete it. The argument parser's completion scripts
/// offer a default subcommand's options only after its name (`parallax open --format`),
/// while people type `parallax --format json`: this tree declares the default subcommand's
/// options at the top as well, next to every subcommand, so the scripts the parser
/// generates from it complete both. Its file is left out at the top: the generated scripts
/// read a first positional word as that file and would then never offer the subcommands;
/// `parallax open <Tab>` offers the scenario files.
struct CompletionTree: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ParallaxCommand.configuration.commandName,
        abstract: ParallaxCommand.configuration.abstract,
        version: ParallaxCommand.configuration.version,
        subcommands: ParallaxCommand.configuration.subcommands
    )

    @OptionGroup var open: OpenOptions
    @OptionGroup var output: OutputOptions

    /// `parallax --generate-completion-script SHELL` (or `=SHELL`): the script for that shell,
    /// or nil for anything else, which the parser then reports as usual.
    static func script(for arguments: [String]) -> String? {
        let flag = "--generate-completion-script"
        let name: String
        if arguments.count == 3 && arguments[1] == flag {
            name = arguments[2]
        } else if arguments.count == 2 && arguments[1].hasPrefix(flag + "=") {
            name = String(arguments[1].dropFirst(flag.count + 1))
        } else {
            return nil
        }
        guard let shell = CompletionShell(rawValue: name) else { return nil }
        return completionScript(for: shell)
    }
}
