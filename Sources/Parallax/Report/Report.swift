/// A report as of the cursor: the documents of the commands an analyst would run —
/// `info`, `events` (by phase), `escalation`, `contacts`, `narrative`, `compare`, `figures`,
/// `claims` and `sources` — in sections. Each section is what the REPL prints for that
/// command, so the HTML and Markdown reports are renderers of the same Documents, never a
/// second implementation of a view.
public struct Report: Sendable {
    public struct Section: Sendable {
        /// The anchor: `timeline`, `escalation` …
        public var id: String
        public var title: String
        public var items: [Item]

        public init(id: String, title: String, items: [Item]) {
            self.id = id
            self.title = title
            self.items = items
        }
    }

    /// What a section shows, in order.
    public enum Item: Sendable {
        /// A paragraph of the analyst's own words (a script's `#` comments).
        case prose(String)
        /// The command line whose output follows.
        case command(String)
        case document(Document)
        /// A command's error, as the terminal shows it.
        case failure(String)
    }

    public var title: String
    public var summary: String?
    /// "As of 9/15 (2021-11-16, Artillery fighting …)".
    public var asOf: String
    public var sections: [Section]
    /// Claim ids and sources' addresses, for links.
    public var claimIDs: Set<String>
    public var sources: [String: String?]

    /// Rows a table of a report keeps; the rest are counted and left out (a report of a
    /// large scenario stays a page a browser opens at once).
    public static let rowCap = 300
    /// Rows of each of `figures`' per-party tables a report keeps: their pictures come
    /// first, and a large scenario has dozens of them.
    public static let figureRowCap = 40

    /// The report of the session as of its cursor, comparing `parties` (default: the
    /// belligerents in file order; with fewer than two, the first two parties).
    public static func build(_ context: inout CommandContext, parties: [String] = []) throws(CommandError) -> Report {
        let scenario = context.scenario
        var chosen = parties
        if chosen.isEmpty {
            chosen = scenario.parties.filter { $0.role == .belligerent }.map(\.id)
            if chosen.count < 2 { chosen = Array(scenario.parties.prefix(2).map(\.id)) }
        }
        let quoted = chosen.map(Report.word).joined(separator: " ")
        var sections: [Section] = []
        func section(_ id: String, _ title: String, _ commands: [String]) throws(CommandError) {
            var items: [Item] = []
            for c in commands {
                items.append(.command(c))
                let document = try context.document(running: c)
                items.append(.document(Report.capped(document, rows: document.command == "figures" ? figureRowCap : rowCap)))
            }
            sections.append(Section(id: id, title: title, items: items))
        }
        try section("timeline", "Timeline", ["events"])
        try section("escalation", "Escalation", ["escalation"])
        try section("contacts", "Contact web", ["contacts"])
        if !chosen.isEmpty {
            try section("narratives", "Narratives side by side", ["narrative \(quoted)"])
        }
        if chosen.count >= 2 {
            try section("comparison", "Comparison", ["compare \(quoted)"])
        }
        try section("figures", "Figures", ["figures"])
        try section("claims", "Claims", ["claims"])
        try section("sources", "Sources", ["sources"])
        var sources: [String: String?] = [:]
        for s in scenario.sources { sources[s.id] = s.url }
        return Report(title: scenario.info.title, summary: scenario.info.summary,
                      asOf: NarrativeViews.asOf(context.session.knowledge()), sections: sections,
                      claimIDs: Set(scenario.claims.map(\.id)), sources: sources)
    }

    /// A party id as a command word: quoted when it is not a plain word.
    static func word(_ id: String) -> String {
        id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } && !id.isEmpty
            ? id : "\"" + id.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    /// The document with each table cut to `rows` rows (the cursor's row kept in view;
    /// without one, the first), and each chart left whole (its picture bins it).
    static func capped(_ document: Document, rows cap: Int = rowCap) -> Document {
        var d = document
        for (i, block) in d.blocks.enumerated() {
            guard case .table(var t) = block, t.rows.count > cap else { continue }
            let marked = t.rows.firstIndex(where: \.marked) ?? 0
            let start = max(0, min(marked - cap / 2, t.rows.count - cap))
            t.leftOut += t.rows.count - cap
            t.rows = Array(t.rows[start..<start + cap])
            d.blocks[i] = .table(t)
        }
        return d
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

extension CommandContext {
    /// Runs one command for a report, in this context: its document, never recorded nor
    /// made the output `expect` and `export csv` look at.
    public mutating func document(running line: String) throws(CommandError) -> Document {
        let command: Command
        switch CommandParser.parse(Lexer.Segment(text: line, column: 1)) {
        case .failure(let e): throw e
        case .success(let c): command = c
        }
        return try command.spec.run(command, &self)
    }
}
