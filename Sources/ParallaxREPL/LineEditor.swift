/// The seam between the shell and whatever reads its lines (as Lua's `lua.c` hides
/// readline behind three functions): libedit on a terminal, plain reads otherwise. The
/// REPL loop is the same for both.
public protocol LineEditor: AnyObject {
    /// Whether a person is typing: prompts, banner, history and Enter-repeats apply.
    var isInteractive: Bool { get }

    /// Shows `prompt` and reads one line, without its newline.
    func readLine(prompt: String) -> LineInput

    /// Makes a line reachable with Up and Ctrl-R.
    func remember(_ line: String)

    /// Gives Tab its candidates: called with the text before the cursor.
    var completer: ((String) -> Completion)? { get set }
}

/// What reading a line gave.
public enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C: the line was abandoned (or a termination signal arrived).
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case end
}
