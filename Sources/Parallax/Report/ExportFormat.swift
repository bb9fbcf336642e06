/// What `export` writes (the command-language spec, "Export"), each as of the cursor.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// One self-contained page: the report with its three pictures.
    case html
    /// The escalation chart alone, as a standalone SVG file.
    case svg
    /// The last table-shaped command's rows, or `events` when there was none.
    case csv
    /// TimelineJS3 JSON.
    case timelinejs
    /// The HTML report's content as Markdown.
    case md

    /// `markdown` is accepted for `md`, as `--format` spells it.
    public init?(word: String) {
        let w = word.lowercased()
        self.init(rawValue: w == "markdown" ? "md" : w)
    }

    /// A party id as typed on the command line (`parallax export --party arm`), checked
    /// as `narrative` checks it.
    public static func party(_ text: String, in scenario: Scenario) throws(CommandError) -> String {
        try NarrativeCommands.party(Token(kind: .word, text: text, column: 1, length: text.count), in: scenario)
    }

    /// Whether the format takes parties (the report's narratives and comparison).
    public var takesParties: Bool { self == .html || self == .md }

    /// The file's contents. `parties`: the report's chosen parties (default: the belligerents).
    /// `lastTable`: the last table-shaped document shown, for csv.
    public func content(_ context: inout CommandContext, lastTable: Document? = nil,
                        parties: [String] = []) throws(CommandError) -> String {
        switch self {
        case .html: return HTMLReport.render(try Report.build(&context, parties: parties))
        case .md: return MarkdownReport.render(try Report.build(&context, parties: parties))
        case .svg:
            let document = try context.document(running: "escalation")
            var chart = Chart(bars: [])
            for case .chart(let c) in document.blocks { chart = c }
            var m = Markup()
            m.trusted("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            EscalationPicture(chart: chart).draw(into: &m, standalone: true)
            return m.text + "\n"
        case .csv:
            if let lastTable { return CSVRenderer.render(lastTable) }
            return CSVRenderer.render(try context.document(running: "events"))
        case .timelinejs:
            return TimelineJS.render(&context.session)
        }
    }

    /// The same, for the session an interpreter holds (`parallax export`, tests).
    public func content(_ interpreter: Interpreter, parties: [String] = []) throws(CommandError) -> String {
        var context = CommandContext(session: interpreter.session, environment: interpreter.environment, scripts: interpreter)
        defer { interpreter.session = context.session }
        return try content(&context, lastTable: interpreter.lastTable, parties: parties)
    }
}
