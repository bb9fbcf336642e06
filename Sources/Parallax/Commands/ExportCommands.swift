/// Writing the report and data files (the spec's "Export").
enum ExportCommands {
    static let all: [CommandSpec] = [export]

    static let usage = "export FORMAT FILE [PARTY…]"

    static let export = CommandSpec(
        name: "export", group: .scripts, usage: usage,
        summary: "Write a report or a data file as of the cursor: html, svg, csv, timelinejs or md.",
        detail: "html: one self-contained page (title, summary, the timeline by phase, the escalation chart on its time "
            + "axis, the contact web, the narratives of PARTY… side by side — default the belligerents —, the comparison "
            + "with verdicts, a picture of each party's claimed figures, claims and sources, each claim linked to its sources). "
            + "md: the same as Markdown. svg: the escalation chart alone. csv: the rows of the last command that showed a "
            + "table (default: events). timelinejs: TimelineJS3 JSON (an event per event, a group per party, an era per phase, "
            + "sources as credits). FILE is replaced whole; relative to a script's folder inside a script.",
        example: "export html report.html ARM AZE", touchesFiles: true
    ) { (inv: inout Invocation) throws(CommandError) in
        let formatToken = try inv.args.word("a format (" + ExportFormat.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        guard let format = ExportFormat(word: formatToken.text) else {
            let names = ExportFormat.allCases.map(\.rawValue)
            throw CommandError("unknown export format '\(formatToken.text)'\(Suggestions.hint(for: formatToken.text, in: names)); "
                               + "formats: \(names.joined(separator: ", "))", at: formatToken)
        }
        let fileToken = try inv.args.word("a file to write")
        guard fileToken.kind == .word || fileToken.kind == .string else {
            throw CommandError("expected a file name, found '\(fileToken.text)'", at: fileToken)
        }
        var parties: [String] = []
        while inv.args.peek != nil {
            let t = try inv.args.word("a party id")
            guard format.takesParties else {
                throw CommandError("export \(format.rawValue) takes no parties; usage: \(usage)", at: t)
            }
            let id = try NarrativeCommands.party(t, in: inv.scenario)
            if parties.contains(id) { throw CommandError("\(id) is listed twice; usage: \(usage)", at: t) }
            parties.append(id)
        }
        try inv.args.finish(usage)
        let interpreter = inv.interpreter
        let content = try format.content(interpreter, parties: parties)
        let path = interpreter.environment.resolve(fileToken.text)
        if let problem = FileWriter.replace(path, with: content) {
            throw CommandError(problem.message + " (\(path))", at: fileToken)
        }
        return inv.document([.notice("Wrote \(path) (\(format.rawValue), \(content.utf8.count) bytes, as of \(inv.session.positionText)).")])
    }
}
