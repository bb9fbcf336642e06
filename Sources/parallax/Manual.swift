import ArgumentParser
import FoundationEssentials
import Parallax

/// The manual pages, generated from declarations so they never drift: `parallax(1)` from
/// the argument parser's own description of the command line (its `--experimental-dump-help`
/// JSON), the language and format pages from the core's tables. `parallax
/// --generate-man-page NAME` prints one; `Scripts/install.sh` installs them.
enum Manual {
    static let pages = ["parallax", "scenario", "commands"]

    static func page(_ name: String) -> ManualPage? {
        switch name {
        case "parallax": commandLinePage()
        case "scenario": ScenarioManual.page
        case "commands": CommandsManual.page
        default: nil
        }
    }

    /// The part of the argument parser's dump that a page needs.
    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var shouldDisplay: Bool?
        var defaultSubcommand: String?
        var subcommands: [Command]?
        var arguments: [Argument]?
    }

    struct Argument: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
            var text: String { kind == "long" ? "--" + name : "-" + name }
        }
        var kind: String
        var shouldDisplay: Bool
        var isOptional: Bool
        var isRepeating: Bool
        var names: [Name]?
        var valueName: String?
        var defaultValue: String?
        var allValues: [String]?
        var abstract: String?
        var discussion: String?
    }

    struct Dump: Decodable { var command: Command }

    static func commandLinePage() -> ManualPage {
        let json = ParallaxCommand._dumpHelp()
        guard let root = try? JSONDecoder().decode(Dump.self, from: Data(json.utf8)).command else {
            // Cannot happen with the parser this was built with; the page says what went wrong.
            var page = ManualPage(name: "parallax", section: "1", manual: "Parallax Manual")
            page.section("Name")
            page.paragraph("parallax: the argument parser's description could not be read")
            return page
        }
        var page = ManualPage(name: "parallax", section: "1", manual: "Parallax Manual")
        page.section("Name")
        page.paragraph(marked: "parallax \\- " + ManualPage.escape(root.abstract ?? ""))

        // The parser's generated `help` subcommand is `--help` again.
        let subcommands = (root.subcommands ?? []).filter { ($0.shouldDisplay ?? true) && $0.commandName != "help" }
        page.section("Synopsis")
        for command in subcommands {
            let isDefault = command.commandName == root.defaultSubcommand
            page.paragraph(marked: synopsis(root.commandName, isDefault ? nil : command.commandName,
                                            visible(command.arguments).filter { !isStandard($0) }))
        }
        page.paragraph(marked: synopsis(root.commandName, nil, visible(root.arguments)))

        page.section("Description")
        page.paragraph("Parallax opens an event model of a crisis (events, actors, parties and every claim each "
                       + "party made) in a REPL where you step through the sequence like a debugger, compare each "
                       + "side's narrative as of any moment, and record analyses as replayable, testable scripts.")
        page.paragraph("With no FILE it opens the scenario compiled into the binary. On a terminal the REPL edits "
                       + "lines with libedit (Tab completes, Ctrl-R searches history, Ctrl-D quits); commands piped "
                       + "on standard input are run without a prompt. Type 'help' in the REPL for the commands; "
                       + "the language is described in parallax-commands(7), the file format in parallax-scenario(5).")

        page.section("Options")
        for command in subcommands where command.commandName == root.defaultSubcommand {
            options(visible(command.arguments).filter { !isStandard($0) }, into: &page)
        }
        options(visible(root.arguments), into: &page)

        page.section("Commands")
        for command in subcommands {
            let isDefault = command.commandName == root.defaultSubcommand
            page.subsection(isDefault ? "\(command.commandName) (the default)" : command.commandName)
            if let abstract = command.abstract { page.paragraph(abstract) }
            if let discussion = command.discussion, !discussion.isEmpty { page.paragraph(discussion) }
            if !isDefault { options(visible(command.arguments).filter { !isStandard($0) }, into: &page) }
        }

        page.section("Files")
        for location in UserFiles.locations {
            page.item(ManualPage.escape(location.rule), [location.holds + "."])
        }
        page.item(ManualPage.escape(UserFiles.editrcRule), [
            UserFiles.editrcHolds + ", as in editrc(5): for example 'parallax:bind ^W ed-delete-prev-word'. "
                + "Parallax's own bindings are set first, so the file's win."])
        page.paragraph("'parallax --paths' prints where each of these is for the current environment. "
                       + "A variable that is unset, empty or not an absolute path is ignored, as the XDG base "
                       + "directory rules say. The config file applies to the REPL and to -c and piped commands; "
                       + "'run' ignores it, so a script's transcript is the same on every machine, and command-line "
                       + "options always win over it.")
        page.section("Environment")
        page.item(ManualPage.bold("NO_COLOR"), ["When set (to anything), no colour is used."])
        page.item(ManualPage.bold("PAGER"), ["The pager for output longer than the screen in the REPL (default: less -FRX; "
                                             + "empty: none). 'set pager off' turns paging off."])
        page.item(ManualPage.bold("XDG_STATE_HOME, XDG_CACHE_HOME, XDG_CONFIG_HOME, EDITRC, HOME"), ["Where the files above are."])

        page.section("Exit status")
        page.paragraph("0 success; 1 the input was wrong or unreadable (a scenario, a script, a command that failed, "
                       + "an expectation that failed, a transcript that differs); 2 the command line itself was wrong.")
        page.section("Examples")
        page.example(["parallax", "parallax my-scenario.yaml", "parallax -c 'goto #3; narrative ARM AZE'",
                      "parallax check my-scenario.yaml", "parallax run walkthrough.px --expect walkthrough.out"])
        page.section("See also")
        page.paragraph(marked: ManualPage.bold("parallax-scenario") + "(5), " + ManualPage.bold("parallax-commands")
                       + "(7), " + ManualPage.bold("editrc") + "(5)")
        return page
    }

    static func visible(_ arguments: [Argument]?) -> [Argument] {
        (arguments ?? []).filter(\.shouldDisplay)
    }

    /// The parser's own --help and --version, which every subcommand repeats: listed once.
    static func isStandard(_ argument: Argument) -> Bool {
        (argument.names ?? []).contains { $0.kind == "long" && ($0.name == "help" || $0.name == "version") }
    }

    /// `parallax check [FILE]`: names bold, values italic, optional parts in brackets.
    static func synopsis(_ root: String, _ command: String?, _ arguments: [Argument]) -> String {
        var parts = [ManualPage.bold(root)]
        if let command { parts.append(ManualPage.bold(command)) }
        for argument in visible(arguments) {
            var part = spelling(argument, short: true)
            if argument.isRepeating { part += "\\ ..." }
            parts.append(argument.isOptional ? "[" + part + "]" : part)
        }
        return parts.joined(separator: " ")
    }

    /// `-c COMMANDS`, `--format FORMAT`, `--no-color`, `FILE`.
    static func spelling(_ argument: Argument, short: Bool) -> String {
        let value = ManualPage.italic((argument.valueName ?? "value").uppercased())
        let names = (argument.names ?? []).map { ManualPage.bold($0.text) }
        switch argument.kind {
        case "positional": return value
        case "flag": return short ? names.last ?? "" : names.joined(separator: ", ")
        default: return (short ? names.last.map { [$0] } ?? [] : names).joined(separator: ", ") + " " + value
        }
    }

    static func options(_ arguments: [Argument], into page: inout ManualPage) {
        for argument in arguments {
            var body = [argument.abstract ?? "", argument.discussion ?? ""]
            if let values = argument.allValues, !values.isEmpty { body.append("One of: " + values.joined(separator: ", ") + ".") }
            if let value = argument.defaultValue { body.append("Default: " + value + ".") }
            page.item(spelling(argument, short: false), body)
        }
    }
}
