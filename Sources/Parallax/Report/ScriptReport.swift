/// `parallax run SCRIPT --format html`: a script as a report. Its `#` comment lines become
/// prose (a `## ` comment starts a new section with that heading), and each command's
/// output appears in place, as the documents the transcript would print. The analysis and
/// its write-up are one file, re-run when the scenario changes.
public final class ScriptReport {
    private var sections: [Report.Section]
    private var paragraph: [String] = []
    private var failed = 0

    public init(script: String) {
        sections = [Report.Section(id: "script", title: "", items: [])]
        self.path = script
    }

    let path: String

    /// A line of the script, before it runs.
    public func line(_ text: String) {
        let t = text.trimmed
        guard t.hasPrefix("#"), !(t.dropFirst().first?.isNumber ?? false) else {
            endParagraph()
            return
        }
        if t.hasPrefix("#!") { return }
        if t.hasPrefix("## ") {
            endParagraph()
            let title = String(t.dropFirst(3)).trimmed
            sections.append(Report.Section(id: "section-\(sections.count)", title: title, items: []))
            return
        }
        let words = String(t.drop { $0 == "#" }).trimmed
        if words.isEmpty { endParagraph() } else { paragraph.append(words) }
    }

    /// What the script showed.
    public func show(_ output: ScriptRunner.Output) {
        endParagraph()
        switch output {
        case .command(let c): add(.command(c))
        case .document(let d): if !d.blocks.isEmpty { add(.document(Report.capped(d))) }
        case .failure(let f): add(.failure(f.rendered))
        case .warning: break  // stderr only, as in a transcript
        }
    }

    private func add(_ item: Report.Item) { sections[sections.count - 1].items.append(item) }

    private func endParagraph() {
        guard !paragraph.isEmpty else { return }
        add(.prose(paragraph.joined(separator: " ")))
        paragraph.removeAll()
    }

    /// The page, titled after the script, with the scenario's title and position at the end.
    public func html(scenario: Scenario, session: inout Session) -> String {
        endParagraph()
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var sources: [String: String?] = [:]
        for s in scenario.sources { sources[s.id] = s.url }
        let report = Report(title: name, summary: scenario.info.title, asOf: NarrativeViews.asOf(session.knowledge()),
                            sections: sections.filter { !$0.items.isEmpty || !$0.title.isEmpty },
                            claimIDs: Set(scenario.claims.map(\.id)), sources: sources)
        return HTMLReport.render(report)
    }
}
