/// One command of the language: its names, its help, and what it does. The same table
/// dispatches commands and generates `help`, so the two can never drift apart.
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
    /// An example built from the loaded scenario's ids (a question, a party), for commands
    /// whose arguments are ids; `help` shows it in place of `example` when it gives one.
    public var scenarioExample: (@Sendable (Scenario) -> String?)?
    /// Enter on an empty line repeats it in the REPL (movement only, as in gdb).
    public var repeatsOnEmptyLine = false
    /// The argument is the raw rest of the line (`echo`, `expect`), not tokens.
    public var takesRestOfLine = false
    /// It writes a file: refused by `run --safe`. (Commands that read a file check its path
    /// with `Environment.readablePath`, which refuses one outside the script's folder.)
    public var touchesFiles = false
    public var run: @Sendable (inout Invocation) throws(CommandError) -> Document

    public init(name: String, aliases: [String] = [], group: CommandGroup, usage: String, summary: String,
                detail: String = "", example: String, scenarioExample: (@Sendable (Scenario) -> String?)? = nil,
                repeatsOnEmptyLine: Bool = false,
                takesRestOfLine: Bool = false, touchesFiles: Bool = false,
                run: @escaping @Sendable (inout Invocation) throws(CommandError) -> Document) {
        self.name = name
        self.aliases = aliases
        self.group = group
        self.usage = usage
        self.summary = summary
        self.detail = detail
        self.example = example
        self.scenarioExample = scenarioExample
        self.repeatsOnEmptyLine = repeatsOnEmptyLine
        self.takesRestOfLine = takesRestOfLine
        self.touchesFiles = touchesFiles
        self.run = run
    }
}

public enum CommandGroup: String, CaseIterable, Sendable {
    case navigation = "Navigation"
    case inspection = "Inspection"
    case narratives = "Narratives"
    case analysis = "Sequence analysis"
    case scripts = "Scripts and session"
}

/// What a command runs with: the interpreter (its session and environment) and its arguments.
public struct Invocation {
    public let interpreter: Interpreter
    public var args: Arguments
    public let spec: CommandSpec

    // Changed in place: a copy of the session (and its scenario's arrays) per change would
    // cost more than most commands do. Read with a plain getter: with a `_read` coroutine,
    // `inv.session.settings.value(of:)` read the settings after the coroutine's frame was
    // freed (AddressSanitizer, heap-use-after-free, Swift 6.3.1 debug build).
    public var session: Session {
        get { interpreter.session }
        nonmutating _modify { yield &interpreter.session }
    }

    public var scenario: Scenario { interpreter.session.scenario }

    public func document(_ blocks: [Block] = []) -> Document {
        Document(command: spec.name, blocks: blocks)
    }
}
