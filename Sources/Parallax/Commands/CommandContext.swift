/// What a command runs with: the session it changes, the environment (paths, safety,
/// interruption), and — for the script commands alone — the script machinery. Never the
/// whole interpreter.
public struct CommandContext {
    public var session: Session
    public let environment: Environment
    /// `source`, `record` and `expect`; nil where no scripts run (a static check, a test).
    public let scripts: ScriptHost?
    /// Warnings the command raised (a pinned scenario that changed), for the caller to
    /// place and print.
    public var warnings: [String] = []
    /// Notes for stderr that are not problems (`using FILE in place of X`).
    public var notes: [String] = []

    public init(session: Session, environment: Environment = Environment(), scripts: ScriptHost? = nil) {
        self.session = session
        self.environment = environment
        self.scripts = scripts
    }

    public var scenario: Scenario { session.scenario }
}

/// The part of the interpreter that the script commands need: the recording, the output
/// `expect` looks at, and running a script inside this session.
public protocol ScriptHost: AnyObject {
    /// `record FILE`: where commands are saved as they succeed; nil when not recording.
    var recorder: Recorder? { get set }
    /// How deep in `source`s the running command is: 0 outside any script.
    var scriptDepth: Int { get }
    /// The name and plain-text output of the last command that was not an `expect`.
    var lastOutput: (command: String, text: String)? { get }
    /// Runs the script at `path` in this session (the session goes in and comes back out).
    func source(_ path: String, at token: Token, in context: inout CommandContext) throws(CommandError) -> [Block]
}
