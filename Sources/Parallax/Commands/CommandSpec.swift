/// One command of the language, declared once: its names, its arguments and their kinds,
/// its help, and what it does. Dispatch, `help`, Tab completion, the canonical text that
/// `record` writes and `check SCRIPT` are all derived from this one declaration, so they
/// can never drift apart.
public struct CommandSpec: Sendable {
    public var name: String
    /// Fixed short forms (`s` for step) and synonyms (`run` for continue).
    public var aliases: [String] = []
    public var group: CommandGroup
    /// `step [N]`
    public var usage: String
    /// One line for the command list.
    public var summary: String
    /// More, for `help COMMAND`.
    public var detail: String = ""
    /// A line an analyst could type.
    public var example: String
    /// The arguments, in order.
    public var parameters: [Parameter]
    /// Bare keywords that may stand anywhere among the arguments (`all`).
    public var flags: [String]
    /// An example built from the loaded scenario's ids (a question, a party), for commands
    /// whose arguments are ids; `help` shows it in place of `example` when it gives one.
    public var scenarioExample: (@Sendable (Scenario) -> String?)?
    /// Enter on an empty line repeats it in the REPL (movement only, as in gdb).
    public var repeatsOnEmptyLine = false
    /// It writes a file: refused by `run --safe`. (Commands that read a file check its path
    /// with `Environment.readablePath`, which refuses one outside the script's folder.)
    public var touchesFiles = false
    /// Checks that need more than one argument at a time (`set KEY VALUE`), still without
    /// the scenario.
    public var refine: (@Sendable (inout Command) throws(CommandError) -> Void)?
    /// What `check SCRIPT` asks of the scenario beyond each argument's own kind.
    public var check: (@Sendable (Command, Scenario) throws(CommandError) -> Void)?
    public var run: @Sendable (Command, inout CommandContext) throws(CommandError) -> Document

    public init(name: String, aliases: [String] = [], group: CommandGroup, usage: String, summary: String,
                detail: String = "", example: String, scenarioExample: (@Sendable (Scenario) -> String?)? = nil,
                parameters: [Parameter] = [], flags: [String] = [],
                repeatsOnEmptyLine: Bool = false, touchesFiles: Bool = false,
                refine: (@Sendable (inout Command) throws(CommandError) -> Void)? = nil,
                check: (@Sendable (Command, Scenario) throws(CommandError) -> Void)? = nil,
                run: @escaping @Sendable (Command, inout CommandContext) throws(CommandError) -> Document) {
        self.name = name
        self.aliases = aliases
        self.group = group
        self.usage = usage
        self.summary = summary
        self.detail = detail
        self.example = example
        self.parameters = parameters
        self.flags = flags
        self.scenarioExample = scenarioExample
        self.repeatsOnEmptyLine = repeatsOnEmptyLine
        self.touchesFiles = touchesFiles
        self.refine = refine
        self.check = check
        self.run = run
    }

    /// The argument is the raw rest of the line (`echo`, `expect`), not tokens.
    public var takesRestOfLine: Bool { parameters.contains { $0.kind == .text } }

    public func document(_ blocks: [Block] = []) -> Document {
        Document(command: name, blocks: blocks)
    }
}

public enum CommandGroup: String, CaseIterable, Sendable {
    case navigation = "Navigation"
    case inspection = "Inspection"
    case narratives = "Narratives"
    case analysis = "Sequence analysis"
    case scripts = "Scripts and session"
}
