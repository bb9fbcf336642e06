/// Settings, help, loading and leaving.
enum SessionCommands {
    static let all: [CommandSpec] = [set, help, info, load, reload, echo, history, quit]

    static let set = CommandSpec(
        name: "set", group: .scripts, usage: "set [KEY VALUE]",
        summary: "Change a setting; alone, list them.",
        detail: "Keys: " + Settings.keys.map { "\($0.key) (\($0.values.joined(separator: "|")))" }.joined(separator: ", ") + ".",
        example: "set format json"
    ) { (inv: inout Invocation) throws(CommandError) in
        guard let keyToken = inv.args.next() else {
            let s = inv.session.settings
            return inv.document([.table(Table(columns: [.init("key"), .init("value"), .init("values")],
                                              rows: Settings.keys.map { Table.Row([$0.key, s.value(of: $0.key), $0.values.joined(separator: ", ")]) }))])
        }
        let keys = Settings.keys.map(\.key)
        guard keys.contains(keyToken.text) else {
            throw CommandError("unknown setting '\(keyToken.text)'\(Suggestions.hint(for: keyToken.text, in: keys)); settings: \(keys.joined(separator: ", "))", at: keyToken)
        }
        let valueToken = try inv.args.word("a value for \(keyToken.text)")
        try inv.args.finish("set KEY VALUE")
        if let problem = inv.session.settings.set(keyToken.text, valueToken.text) {
            throw CommandError(problem, at: valueToken)
        }
        return inv.document([.notice("\(keyToken.text) = \(inv.session.settings.value(of: keyToken.text))")])
    }

    static let help = CommandSpec(
        name: "help", group: .scripts, usage: "help [COMMAND]",
        summary: "List the commands, or explain one with its usage and an example.", example: "help goto"
    ) { (inv: inout Invocation) throws(CommandError) in
        guard let t = inv.args.next() else {
            var blocks: [Block] = [.text("Commands match by unique prefix (nar → narrative); ';' separates commands; '#' starts a comment. 'help COMMAND' for more.")]
            for group in CommandGroup.allCases {
                let specs = CommandTable.all.filter { $0.group == group }
                guard !specs.isEmpty else { continue }
                blocks.append(.table(Table(name: group.rawValue, columns: [.init("usage"), .init("summary")],
                                           rows: specs.map { Table.Row([$0.usage, $0.summary]) })))
            }
            return inv.document(blocks)
        }
        try inv.args.finish("help [COMMAND]")
        let spec: CommandSpec
        switch CommandTable.resolve(t) {
        case .success(let s): spec = s
        case .failure(let e): throw e
        }
        var fields = [Field("usage", spec.usage), Field("summary", spec.summary)]
        if !spec.detail.isEmpty { fields.append(Field("detail", spec.detail)) }
        let shortAliases = CommandTable.fixedAliases.filter { $0.value == spec.name }.map(\.key)
        let aliases = (shortAliases + spec.aliases).sorted()
        if !aliases.isEmpty { fields.append(Field("aliases", aliases.joined(separator: ", "))) }
        fields.append(Field("example", spec.scenarioExample?(inv.scenario) ?? spec.example))
        return inv.document([.title(spec.name), .fields(fields)])
    }

    static let info = CommandSpec(
        name: "info", group: .scripts, usage: "info",
        summary: "Describe the loaded scenario: title, file, counts, position.", example: "info"
    ) { (inv: inout Invocation) throws(CommandError) in
        try inv.args.finish("info")
        let sc = inv.scenario
        var fields = [Field("id", sc.info.id), Field("title", sc.info.title), Field("file", sc.path),
                      Field("format", "parallax \(sc.formatVersion)")]
        if let a = sc.info.asOf { fields.append(Field("as_of", a.description, label: "as of")) }
        if let first = sc.events.first, let last = sc.events.last {
            fields.append(Field("span", "\(first.date) … \(last.date)"))
        }
        fields += [Field("events", String(sc.events.count)), Field("claims", String(sc.claims.count)),
                   Field("parties", sc.parties.map(\.id).joined(separator: ", ")),
                   Field("actors", String(sc.actors.count)), Field("questions", String(sc.questions.count)),
                   Field("sources", sc.sources.prefix(10).map { "\($0.publisher) (\($0.date))" }.joined(separator: "; ")
                         + (sc.sources.count > 10 ? "; and \(sc.sources.count - 10) more ('sources' lists them)" : "")),
                   Field("position", inv.session.positionText)]
        var blocks: [Block] = [.fields(fields)]
        if let summary = sc.info.summary { blocks.append(.text(summary)) }
        return inv.document(blocks)
    }

    static func failure(_ f: LoadFailure) -> CommandError {
        CommandError("the scenario has \(f.diagnostics.count) error\(f.diagnostics.count == 1 ? "" : "s"); nothing changed:\n" + f.rendered(carets: true))
    }

    static let load = CommandSpec(
        name: "load", group: .scripts, usage: "load FILE",
        summary: "Open another scenario; the cursor goes before its first event.",
        detail: "A failed load keeps the current scenario and cursor. In a script, FILE is relative to the script's folder.",
        example: "load seeds/armenia-azerbaijan-2021-11.yaml"
    ) { (inv: inout Invocation) throws(CommandError) in
        let t = try inv.args.word("a scenario file")
        try inv.args.finish("load FILE")
        let path = try inv.interpreter.environment.readablePath(t, command: "load")
        do throws(LoadFailure) {
            let (scenario, report) = try ScenarioFile.open(path: path, options: inv.interpreter.environment.importing)
            inv.session.replace(scenario)
            inv.session.breakpoints.removeAll()
            inv.session.watchpoints.removeAll()
            let imported = report.map { " " + $0.summary + "." } ?? ""
            return inv.document([.notice("Loaded \(scenario.info.title): \(scenario.events.count) events, \(scenario.claims.count) claims.\(imported)")])
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
    ) { (inv: inout Invocation) throws(CommandError) in
        try inv.args.finish("reload")
        let path = inv.scenario.path
        do throws(LoadFailure) {
            let scenario: Scenario
            if let bundled = inv.interpreter.environment.bundledScenario, path.hasPrefix("(bundled)") {
                scenario = try bundled()
            } else {
                scenario = try ScenarioFile.load(path: path, options: inv.interpreter.environment.importing)
            }
            inv.session.replace(scenario, keepCursor: true)
            return inv.document([.notice("Reloaded \(path): \(scenario.events.count) events, \(scenario.claims.count) claims; at \(inv.session.positionText).")])
        } catch {
            throw failure(error)
        }
    }

    static let echo = CommandSpec(
        name: "echo", group: .scripts, usage: "echo TEXT",
        summary: "Print TEXT (for scripts).", example: "echo == At the clash ==", takesRestOfLine: true
    ) { (inv: inout Invocation) throws(CommandError) in
        var text = inv.args.rest
        if text.count >= 2, let f = text.first, f == "\"" || f == "'", text.last == f,
           case .success(let toks) = Lexer.tokens(text), toks.count == 1, toks[0].kind == .string {
            text = toks[0].text
        }
        return inv.document([.text(text)])
    }

    static let history = CommandSpec(
        name: "history", group: .scripts, usage: "history [N]",
        summary: "List the last N lines typed in the REPL (all by default).", example: "history 20"
    ) { (inv: inout Invocation) throws(CommandError) in
        let n = try inv.args.count()
        try inv.args.finish("history [N]")
        guard let provider = inv.interpreter.environment.history else {
            return inv.document([.notice("No history here: history is kept by the interactive REPL.")])
        }
        let lines = provider()
        let shown = n.map { Array(lines.suffix($0)) } ?? lines
        let first = lines.count - shown.count + 1
        return inv.document([.table(Table(columns: [.init("number", "#", numeric: true), .init("line")],
                                          rows: shown.enumerated().map { Table.Row([String(first + $0.offset), $0.element]) }))])
    }

    static let quit = CommandSpec(
        name: "quit", aliases: ["exit"], group: .scripts, usage: "quit",
        summary: "Leave Parallax (Ctrl-D does the same).", example: "quit"
    ) { (inv: inout Invocation) throws(CommandError) in
        try inv.args.finish("quit")
        return inv.document()
    }
}
