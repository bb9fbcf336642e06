/// Saving, replaying and checking explorations: `source`, `record`, `expect`. (`echo` and
/// `set echo|errors` are session commands; `parallax run` drives the same runner.)
enum ScriptCommands {
    static let all: [CommandSpec] = [source, record, expect]

    static let source = CommandSpec(
        name: "source", aliases: ["replay"], group: .scripts, usage: "source FILE",
        summary: "Run a script's commands in this session, echoing each.",
        detail: "In a script, FILE is relative to that script's folder. The script is checked first (as 'parallax check' "
            + "does), so a typo on line 40 stops it before line 1 runs. The first error stops the script unless "
            + "'set errors continue'; Ctrl-C stops it between commands and leaves the cursor where the script left it. "
            + "A script that sources itself, directly or through others, is an error naming the chain; scripts nest "
            + "at most \(ScriptRunner.maxDepth) deep. In a script run with 'parallax run s.px -D a=ARM -D b=AZE', "
            + "${a} and ${b} in its lines ('compare ${a} ${b}') become ARM and AZE, each as one word.",
        example: "source Scripts/walkthrough.px",
        parameters: [Parameter("FILE", .file, what: "a script file")]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let t = cmd.token("FILE")!
        let path = try ctx.environment.readablePath(t, command: "source")
        guard let scripts = ctx.scripts else { throw CommandError("'source' runs only in a session", at: t) }
        return cmd.spec.document(try scripts.source(path, at: t, in: &ctx))
    }

    /// `source FILE` on the interpreter: inside a running script the file joins that run;
    /// otherwise it is checked, then run by a runner of its own.
    static func runScript(_ path: String, at t: Token, on interpreter: Interpreter) throws(CommandError) -> [Block] {
        // The recording would then hold a `source` of itself (or of a script that reads it),
        // and its replay stop at the cycle: the script recorded would not replay.
        if let recorder = interpreter.recorder, recorder.isRecording(into: path) {
            throw CommandError("\(recorder.path) is the script being recorded: sourcing it there would record a script "
                               + "that runs itself; 'record stop' first", at: t)
        }
        if let running = interpreter.scriptRunner {
            try running.include(path, at: t)
            return []
        }
        let script: Script
        switch Script.read(path) {
        case .failure(let d): throw CommandError(Script.problem(reading: path, d), at: t)
        case .success(let s): script = s
        }
        // Warnings (a changed pin) are given again as the script runs, in their place.
        let problems = ScriptCheck(environment: interpreter.environment).check(script, on: interpreter.session.scenario)
            .filter { $0.severity == "error" }
        if !problems.isEmpty {
            let n = problems.count
            // One command's message: the first few, not a file's worth of them.
            let listed = problems.prefix(ScriptCheck.listedInSource).map(\.rendered)
            let more = n > listed.count
                ? ["… and \(n - listed.count) more; 'parallax check \(Lexer.quotedIfNeeded(path))' lists every one"] : []
            throw CommandError("\(path) has \(n) error\(n == 1 ? "" : "s"); nothing ran:\n"
                               + (listed + more).joined(separator: "\n"), at: t)
        }
        // Without a shell to show the script as it runs, its output becomes this command's.
        var gathered: [Block] = []
        let runner = ScriptRunner(interpreter: interpreter, show: interpreter.environment.show ?? { output in
            switch output {
            case .command(let c): gathered.append(.text("px> " + c))
            case .document(let d): gathered += d.blocks
            case .failure(let f): gathered.append(.text(f.rendered))
            case .warning(let w): gathered.append(.notice(w))
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
        return gathered
    }

    static let record = CommandSpec(
        name: "record", group: .scripts, usage: "record FILE | stop",
        summary: "Save every command from now on to FILE (a .px script); 'record stop' ends.",
        detail: "A new script starts with 'load SCENARIO sha256 HEX' (the scenario loaded now, relative to the script's "
            + "folder when it can be, a bundled one as builtin:NAME), then 'goto #K' when the cursor is not at the start, "
            + "so it replays on what it was recorded on; appending adds a load line only when the scenario differs. Each "
            + "command that succeeds is written at once as one whole line, in full ('s 3' is saved as 'step 3'); a "
            + "command that cannot be written is an error at once. Failed commands and 'record' itself are left out. "
            + "Only .px files are written, never a scenario. 'record' alone says whether a recording is on. Replay with "
            + "'source FILE' or 'parallax run FILE'.",
        example: "record clash.px",
        parameters: [Parameter("FILE", .file, .optional, what: "a file name", keywords: ["stop"])],
        touchesFiles: true
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        guard let scripts = ctx.scripts else { throw CommandError("'record' runs only in a session", at: cmd.word) }
        guard let t = cmd.token("FILE") else {
            guard let r = scripts.recorder else { return cmd.spec.document([.notice("Not recording. 'record FILE' starts.")]) }
            return cmd.spec.document([.notice("Recording to \(r.path): \(commands(r.written)) so far.")])
        }
        if cmd.keyword("FILE") == "stop" {
            guard let r = scripts.recorder else { throw CommandError("not recording; 'record FILE' starts", at: t) }
            scripts.recorder = nil
            return cmd.spec.document([.notice("Stopped recording to \(r.path): \(commands(r.written)) saved.")])
        }
        let path = ctx.environment.resolve(t.text)
        let recorder: Recorder
        do throws(CommandError) {
            let start = Recorder.Start(scenario: ctx.scenario, cursor: ctx.session.cursor, environment: ctx.environment)
            recorder = try Recorder.start(file: path, shownPath: path, start, depth: scripts.scriptDepth)
        } catch {
            throw CommandError(error.message, at: t)
        }
        let previous = scripts.recorder
        scripts.recorder = recorder
        let switched = previous.map { "; stopped recording to \($0.path)" } ?? ""
        return cmd.spec.document([.notice("Recording to \(path)\(switched).")])
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
        example: "expect claims known: 10 of 16",
        scenarioExample: { sc in "where; expect claims known: 0 of \(sc.claims.count)" },
        parameters: [Parameter("TEXT", .text)],
        refine: { (cmd: inout Command) throws(CommandError) in
            _ = try Expectation(parsing: cmd.text, column: cmd.token("TEXT")?.column ?? cmd.endColumn)
        }
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let rest = cmd.text, column = cmd.token("TEXT")?.column ?? cmd.endColumn
        let expectation = try Expectation(parsing: rest, column: column)
        guard let (command, output) = ctx.scripts?.lastOutput else {
            throw CommandError("nothing to check yet: expect looks at the output of the command before it",
                               column: column, length: rest.count)
        }
        guard let holds = expectation.holds(for: output) else {
            throw CommandError("the pattern took too long (the limit is \(Int(Limits.patternSeconds)) s); "
                               + "a nested repetition such as (a+)+ can backtrack for hours", column: column, length: rest.count)
        }
        guard holds else {
            throw CommandError(Expectation.failure(expectation, command: command, output: output),
                               column: column, length: rest.count)
        }
        return cmd.spec.document()
    }
}
