/// Saving, replaying and checking explorations: `source`, `record`, `expect`. (`echo` and
/// `set echo|errors` are session commands; `parallax run` drives the same runner.)
enum ScriptCommands {
    static let all: [CommandSpec] = [source, record, expect]

    static let source = CommandSpec(
        name: "source", aliases: ["replay"], group: .scripts, usage: "source FILE",
        summary: "Run a script's commands in this session, echoing each.",
        detail: "In a script, FILE is relative to that script's folder. The first error stops the script unless "
            + "'set errors continue'; Ctrl-C stops it between commands and leaves the cursor where the script left it. "
            + "A script that sources itself, directly or through others, is an error naming the chain.",
        example: "source Scripts/walkthrough.px"
    ) { (inv: inout Invocation) throws(CommandError) in
        let t = try inv.args.word("a script file")
        try inv.args.finish("source FILE")
        let interpreter = inv.interpreter
        let path = try interpreter.environment.readablePath(t, command: "source")
        if let running = interpreter.scriptRunner {
            try running.include(path, at: t)
            return inv.document()
        }
        let script: Script
        switch Script.read(path) {
        case .failure(let d): throw CommandError(Script.problem(reading: path, d), at: t)
        case .success(let s): script = s
        }
        // Without a shell to show the script as it runs, its output becomes this command's.
        var gathered: [Block] = []
        let runner = ScriptRunner(interpreter: interpreter, show: interpreter.environment.show ?? { output in
            switch output {
            case .command(let c): gathered.append(.text("px> " + c))
            case .document(let d): gathered += d.blocks
            case .failure(let f): gathered.append(.text(f.rendered))
            }
        })
        let ending = runner.run(script)
        let line = runner.haltedAt.map { "line \($0.line) of \($0.file)" } ?? path
        switch ending {
        case .stopped:
            let shown = interpreter.environment.show == nil ? ":\n" + (runner.lastFailure?.rendered ?? "") : ""
            throw CommandError("\(path) stopped at the error on \(line)" + shown, at: t)
        case .interrupted:
            gathered.append(.notice("Interrupted before \(line); the cursor stays at \(interpreter.session.positionText)."))
        case .finished, .quit:
            break
        }
        if runner.failures > 0 {
            throw CommandError("\(runner.failures) command\(runner.failures == 1 ? "" : "s") in \(path) failed", at: t)
        }
        return inv.document(gathered)
    }

    static let record = CommandSpec(
        name: "record", group: .scripts, usage: "record FILE | stop",
        summary: "Save every command from now on to FILE as a script; 'record stop' ends.",
        detail: "Each command that succeeds is appended as soon as it has run, under its full name ('s 3' is saved "
            + "as 'step 3'), so nothing is lost if Parallax is killed; failed commands and 'record' itself are left out. "
            + "A new file starts with a comment naming the scenario; an existing one is added to. 'record' alone says "
            + "whether a recording is on. Replay with 'source FILE' or 'parallax run FILE'.",
        example: "record clash.px", touchesFiles: true
    ) { (inv: inout Invocation) throws(CommandError) in
        let interpreter = inv.interpreter
        guard let t = inv.args.next() else {
            guard let r = interpreter.recorder else { return inv.document([.notice("Not recording. 'record FILE' starts.")]) }
            let lost = r.lost > 0 ? "; \(r.lost) could not be written" : ""
            return inv.document([.notice("Recording to \(r.path): \(commands(r.written)) so far\(lost).")])
        }
        try inv.args.finish("record FILE | stop")
        if t.isKeyword("stop") {
            guard let r = interpreter.recorder else { throw CommandError("not recording; 'record FILE' starts", at: t) }
            interpreter.recorder = nil
            return inv.document([.notice("Stopped recording to \(r.path): \(commands(r.written)) saved.")])
        }
        guard t.kind == .word || t.kind == .string else { throw CommandError("expected a file name, found '\(t.text)'", at: t) }
        let path = interpreter.environment.resolve(t.text)
        let recorder: Recorder
        do throws(CommandError) {
            recorder = try Recorder.start(file: path, shownPath: path, scenario: inv.scenario,
                                          position: inv.session.positionText, depth: interpreter.scriptRunner?.depth ?? 0)
        } catch {
            throw CommandError(error.message, at: t)
        }
        let previous = interpreter.recorder
        interpreter.recorder = recorder
        let switched = previous.map { "; stopped recording to \($0.path)" } ?? ""
        return inv.document([.notice("Recording to \(path)\(switched).")])
    }

    static func commands(_ n: Int) -> String { "\(n) command\(n == 1 ? "" : "s")" }

    static let expect = CommandSpec(
        name: "expect", group: .scripts, usage: "expect TEXT | not TEXT | /REGEX/",
        summary: "Fail unless the last command's output contains TEXT (lacks it; matches REGEX).",
        detail: "Looks at the plain text (no colour, no wrapping) of the output of the last command before it that "
            + "was not an expect. TEXT is the rest of the line, trimmed, matched case-sensitively; quote it to keep "
            + "outer spaces, ';' or '#'. REGEX uses Swift's regex syntax: (?i) ignores case, (?m) lets ^ and $ match "
            + "at every line. In a script a failed expectation is an error at its line, shown with the output it "
            + "looked at.",
        example: "expect claims known: 10 of 16", takesRestOfLine: true
    ) { (inv: inout Invocation) throws(CommandError) in
        let rest = inv.args.rest, column = inv.args.restColumn
        let expectation = try Expectation(parsing: rest, column: column)
        guard let command = inv.interpreter.lastCommand else {
            throw CommandError("nothing to check yet: expect looks at the output of the command before it",
                               column: column, length: rest.count)
        }
        let output = inv.interpreter.lastOutput
        guard let holds = expectation.holds(for: output) else {
            throw CommandError("the pattern took too long (the limit is \(Int(Limits.patternSeconds)) s); "
                               + "a nested repetition such as (a+)+ can backtrack for hours", column: column, length: rest.count)
        }
        guard holds else {
            throw CommandError(Expectation.failure(expectation, command: command, output: output),
                               column: column, length: rest.count)
        }
        return inv.document()
    }
}
