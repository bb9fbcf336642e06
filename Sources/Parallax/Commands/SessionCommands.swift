/// Settings, help, loading and leaving.
enum SessionCommands {
    static let all: [CommandSpec] = [set, help, info, load, reload, echo, history, quit]

    static let set = CommandSpec(
        name: "set", group: .scripts, usage: "set [KEY VALUE]",
        summary: "Change a setting; alone, list them.",
        detail: "Keys: " + Settings.keys.map { "\($0.key) (\($0.values.joined(separator: "|")))" }.joined(separator: ", ") + ".",
        example: "set format json",
        parameters: [Parameter("KEY", .setting, .optional), Parameter("VALUE", .settingValue)],
        refine: { (cmd: inout Command) throws(CommandError) in
            guard let key = cmd.token("KEY"), let value = cmd.token("VALUE") else { return }
            var trial = Settings()
            if let problem = trial.set(key.text, value.text) { throw CommandError(problem, at: value) }
        }
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        guard let keyToken = cmd.token("KEY"), let valueToken = cmd.token("VALUE") else {
            let s = ctx.session.settings
            return cmd.spec.document([.table(Table(columns: [.init("key"), .init("value"), .init("values")],
                                              rows: Settings.keys.map { Table.Row([$0.key, s.value(of: $0.key), $0.values.joined(separator: ", ")]) }))])
        }
        if let problem = ctx.session.settings.set(keyToken.text, valueToken.text) {
            throw CommandError(problem, at: valueToken)
        }
        return cmd.spec.document([.notice("\(keyToken.text) = \(ctx.session.settings.value(of: keyToken.text))")])
    }

    static let help = CommandSpec(
        name: "help", group: .scripts, usage: "help [COMMAND]",
        summary: "List the commands, or explain one with its usage and an example.", example: "help goto",
        parameters: [Parameter("COMMAND", .command, .optional)]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        guard case .word(let name)? = cmd.argument("COMMAND")?.value, let spec = CommandTable.spec(named: name) else {
            var blocks: [Block] = [.text("Commands match by unique prefix (nar → narrative); ';' separates commands; '#' starts a comment. 'help COMMAND' for more.")]
            for group in CommandGroup.allCases {
                let specs = CommandTable.all.filter { $0.group == group }
                guard !specs.isEmpty else { continue }
                blocks.append(.table(Table(name: group.rawValue, columns: [.init("usage"), .init("summary")],
                                           rows: specs.map { Table.Row([$0.usage, $0.summary]) })))
            }
            blocks.append(.text("Scripts (*.px) take parameters: a script saying 'compare ${a} ${b}' runs as "
                                + "'parallax run pair.px -D a=ARM -D b=AZE', and 'parallax check pair.px -D a=ARM -D b=AZE' "
                                + "checks it without running anything."))
            return cmd.spec.document(blocks)
        }
        var fields = [Field("usage", spec.usage), Field("summary", spec.summary)]
        if !spec.detail.isEmpty { fields.append(Field("detail", spec.detail)) }
        let shortAliases = CommandTable.fixedAliases.filter { $0.value == spec.name }.map(\.key)
        let aliases = (shortAliases + spec.aliases).sorted()
        if !aliases.isEmpty { fields.append(Field("aliases", aliases.joined(separator: ", "))) }
        fields.append(Field("example", spec.scenarioExample?(ctx.scenario) ?? spec.example))
        return cmd.spec.document([.title(spec.name), .fields(fields)])
    }

    static let info = CommandSpec(
        name: "info", group: .scripts, usage: "info",
        summary: "Describe the loaded scenario: title, file, counts, position.", example: "info"
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let sc = ctx.scenario
        var fields = [Field("id", sc.info.id), Field("title", sc.info.title), Field("file", sc.path),
                      Field("format", "parallax \(sc.formatVersion)")]
        if let a = sc.info.asOf { fields.append(Field("as_of", a.description, label: "as of")) }
        if let first = sc.events.first, let last = sc.events.last {
            fields.append(Field("span", "\(first.date) … \(last.date)"))
        }
        fields += [Field("events", String(sc.events.count), typed: .int(sc.events.count)),
                   Field("claims", String(sc.claims.count), typed: .int(sc.claims.count)),
                   Field("parties", sc.parties.map(\.id).joined(separator: ", ")),
                   Field("actors", String(sc.actors.count), typed: .int(sc.actors.count)),
                   Field("questions", String(sc.questions.count), typed: .int(sc.questions.count)),
                   Field("sources", sc.sources.prefix(10).map { "\($0.publisher) (\($0.date))" }.joined(separator: "; ")
                         + (sc.sources.count > 10 ? "; and \(sc.sources.count - 10) more ('sources' lists them)" : "")),
                   Field("position", ctx.session.positionText)]
        var blocks: [Block] = [.fields(fields)]
        if let summary = sc.info.summary { blocks.append(.text(summary)) }
        return cmd.spec.document(blocks)
    }

    static func failure(_ f: LoadFailure) -> CommandError {
        CommandError("the scenario has \(f.diagnostics.count) error\(f.diagnostics.count == 1 ? "" : "s"); nothing changed:\n" + f.rendered(carets: true))
    }

    /// "; 2 warnings (…)" after a load, or nothing: loading says only how many.
    static func warningCount(_ scenario: Scenario) -> String {
        let n = scenario.warningCount
        return n == 0 ? "" : "; \(n) warning\(n == 1 ? "" : "s") ('parallax check' lists \(n == 1 ? "it" : "them"))"
    }

    static let load = CommandSpec(
        name: "load", group: .scripts, usage: "load FILE [sha256 HEX]",
        summary: "Open another scenario; the cursor goes before its first event.",
        detail: "A failed load keeps the current scenario and cursor. In a script, FILE is relative to the script's folder; "
            + "'builtin:NAME' is a scenario bundled with Parallax (builtin:\(Builtin.defaultName)). 'sha256 HEX' pins the "
            + "file's content, as 'record' writes it: when the file changed since, a script run warns ('--strict': stops).",
        example: "load seeds/armenia-azerbaijan-2021-11.yaml",
        parameters: [Parameter("FILE", .file, what: "a scenario file"), Parameter("PIN", .pin, .optional)]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let t = cmd.token("FILE")!
        var source = try ScenarioSource.named(t, in: ctx.environment)
        var pinned = true
        if let replacement = ctx.environment.scenarioOverride, !replacement.used {
            // `run --scenario FILE`: the run's first load opens FILE instead, its pin unchecked.
            replacement.used = true
            ctx.notes.append("using \(replacement.path) in place of \(t.text)")
            source = .file(replacement.path)
            pinned = false
        }
        let bytes = try source.bytes(at: t, in: ctx.environment)
        if pinned, let message = pinProblem(cmd, bytes) {
            if ctx.environment.strict { throw CommandError(message + " (--strict)", at: t) }
            ctx.warnings.append(message)
        }
        do throws(LoadFailure) {
            let (scenario, imported) = try ScenarioFile.open(bytes: bytes, path: source.path, options: ctx.environment.importing)
            ctx.session.replace(scenario)
            ctx.session.breakpoints.removeAll()
            ctx.session.watchpoints.removeAll()
            let report = imported.map { " " + $0.summary + "." } ?? ""
            return cmd.spec.document([.notice("Loaded \(scenario.info.title): \(scenario.events.count) events, \(scenario.claims.count) claims\(warningCount(scenario)).\(report)")])
        } catch {
            var e = failure(error)
            e.column = t.column
            e.length = t.length
            throw e
        }
    }

    static let reload = CommandSpec(
        name: "reload", group: .scripts, usage: "reload",
        summary: "Read the scenario file again, keeping the cursor; a failed reload changes nothing.",
        example: "reload"
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let path = ctx.scenario.path
        do throws(LoadFailure) {
            let scenario: Scenario
            if let name = Builtin.name(ofPath: path), let bytes = ctx.environment.bundledFile?(name) {
                scenario = try ScenarioLoader.load(bytes: bytes, path: path)
            } else {
                scenario = try ScenarioFile.load(path: path, options: ctx.environment.importing)
            }
            ctx.session.replace(scenario, keepCursor: true)
            return cmd.spec.document([.notice("Reloaded \(path): \(scenario.events.count) events, \(scenario.claims.count) claims\(warningCount(scenario)); at \(ctx.session.positionText).")])
        } catch {
            throw failure(error)
        }
    }

    static let echo = CommandSpec(
        name: "echo", group: .scripts, usage: "echo TEXT",
        summary: "Print TEXT (for scripts).", example: "echo == At the clash ==",
        parameters: [Parameter("TEXT", .text)]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        // As `expect` reads its text: one quoted string means what is inside it.
        cmd.spec.document([.text(Expectation.unquoted(cmd.text))])
    }

    static let history = CommandSpec(
        name: "history", group: .scripts, usage: "history [N]",
        summary: "List the last N lines typed in the REPL (all by default).", example: "history 20",
        parameters: [Parameter("N", .number, .optional, what: "a number of lines")]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let n = cmd.number("N")
        guard let provider = ctx.environment.history else {
            return cmd.spec.document([.notice("No history here: history is kept by the interactive REPL.")])
        }
        let lines = provider()
        let shown = n.map { Array(lines.suffix($0)) } ?? lines
        let first = lines.count - shown.count + 1
        return cmd.spec.document([.table(Table(columns: [.init("number", "#", numeric: true), .init("line")],
                                          rows: shown.enumerated().map { Table.Row([String(first + $0.offset), $0.element]) }))])
    }

    static let quit = CommandSpec(
        name: "quit", aliases: ["exit"], group: .scripts, usage: "quit",
        summary: "Leave Parallax (Ctrl-D does the same).", example: "quit"
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        return cmd.spec.document()
    }
}

extension SessionCommands {
    /// What `load FILE sha256 HEX` says when the file's bytes are no longer the pinned ones;
    /// nil when they are, or when nothing is pinned. `load` and `check SCRIPT` both ask here.
    static func pinProblem(_ load: Command, _ bytes: [UInt8]) -> String? {
        guard case .pin(let hex)? = load.argument("PIN")?.value, SHA256.hex(bytes) != hex,
              let t = load.token("FILE") else { return nil }
        return "\(t.text) changed since this script was recorded"
    }
}
