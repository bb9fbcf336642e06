/// Writing the report and data files (the spec's "Export").
enum ExportCommands {
    static let all: [CommandSpec] = [export]

    static let export = CommandSpec(
        name: "export", group: .scripts, usage: "export FORMAT FILE [PARTY…]",
        summary: "Write a report or a data file as of the cursor: html, svg, csv, timelinejs or md.",
        detail: "html: one self-contained page (title, summary, the timeline by phase, the escalation chart on its time "
            + "axis, the contact web, the narratives of PARTY… side by side — default the belligerents —, the comparison "
            + "with verdicts, a picture of each party's claimed figures, claims and sources, each claim linked to its sources). "
            + "md: the same as Markdown. svg: the escalation chart alone. csv: the rows of the last command that showed a "
            + "table (default: events). timelinejs: TimelineJS3 JSON (an event per event, a group per party, an era per phase, "
            + "sources as credits). FILE is replaced whole; relative to a script's folder inside a script.",
        example: "export html report.html ARM AZE",
        scenarioExample: { sc in ScenarioExamples.parties(sc, 2).map { "export html report.html " + $0.joined(separator: " ") } },
        parameters: [Parameter("FORMAT", .file, what: "a format (" + ExportFormat.allCases.map(\.rawValue).joined(separator: ", ") + ")"),
                     Parameter("FILE", .file, what: "a file to write"),
                     Parameter("PARTY", .party, .many(min: 0, max: nil))],
        touchesFiles: true,
        check: { cmd, scenario throws(CommandError) in _ = try arguments(cmd, in: scenario) }
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let (format, file, parties) = try arguments(cmd, in: ctx.scenario)
        let lastTable = (ctx.scripts as? Interpreter)?.lastTable
        let content = try format.content(&ctx, lastTable: lastTable, parties: parties)
        let path = ctx.environment.resolve(file.text)
        if let why = FileWriter.refusal(toReplace: path, inputs: [ctx.scenario.path]) {
            throw CommandError(why.replacing(path, with: file.text), at: file)
        }
        if let problem = FileWriter.replace(path, with: content) {
            throw CommandError(problem.message + " (\(path))", at: file)
        }
        return cmd.spec.document([.notice("Wrote \(path) (\(format.rawValue), \(content.utf8.count) bytes, as of \(ctx.session.positionText)).")])
    }

    /// The format, the file's token and the parties, each checked.
    static func arguments(_ cmd: Command, in scenario: Scenario) throws(CommandError) -> (ExportFormat, Token, [String]) {
        guard let formatToken = cmd.token("FORMAT"), let file = cmd.token("FILE") else {
            throw CommandError("export needs a format and a file; usage: \(cmd.spec.usage)", column: cmd.tailColumn)
        }
        guard let format = ExportFormat(word: formatToken.text) else {
            let names = ExportFormat.allCases.map(\.rawValue)
            throw CommandError("unknown export format '\(formatToken.text)'\(Suggestions.hint(for: formatToken.text, in: names)); "
                               + "formats: \(names.joined(separator: ", "))", at: formatToken)
        }
        // By its name alone (`check SCRIPT` sees it too); the file in use is checked on writing.
        if let why = FileWriter.refusal(toReplace: file.text, inputs: []) { throw CommandError(why, at: file) }
        var parties: [String] = []
        for a in cmd.all("PARTY") {
            guard format.takesParties else {
                throw CommandError("export \(format.rawValue) takes no parties; usage: \(cmd.spec.usage)", at: a.token)
            }
            let id = try NarrativeCommands.party(a.token, in: scenario)
            if parties.contains(id) { throw CommandError("\(id) is listed twice; usage: \(cmd.spec.usage)", at: a.token) }
            parties.append(id)
        }
        return (format, file, parties)
    }
}
