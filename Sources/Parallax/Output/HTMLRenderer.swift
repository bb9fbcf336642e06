/// Documents as HTML, through `Markup`: the same blocks the terminal shows, as headings,
/// paragraphs, definition lists and tables; a chart as the escalation picture; a table
/// with a picture (`contacts`, a `figures` group) drawn and then listed. Claim and source
/// ids anywhere in the text link to the claim's row and the source's entry, and every
/// claim's row links to its sources.
final class HTMLRenderer {
    /// Claim ids that have a row in the page, and every source's id and address.
    let claims: Set<String>
    let sources: [String: String?]
    /// Ids already used as anchors: each names one element.
    private var anchors: Set<String> = []
    /// Pictures drawn so far: each one's arrowheads get ids of their own.
    private var pictures = 0

    init(claims: Set<String>, sources: [String: String?]) {
        self.claims = claims
        self.sources = sources
    }

    convenience init(scenario: Scenario) {
        var sources: [String: String?] = [:]
        for s in scenario.sources { sources[s.id] = s.url }
        self.init(claims: Set(scenario.claims.map(\.id)), sources: sources)
    }

    func render(_ document: Document, into m: inout Markup) {
        var tableNumber = 0
        for block in document.blocks {
            switch block {
            case .title(let t): m.element("h3", text: t)
            case .text(let t): m.element("p") { self.linked(t, into: &$0) }
            case .notice(let t): m.element("p", [.class("notice")]) { self.linked(t, into: &$0) }
            case .fields(let fields):
                m.element("dl", [.class("fields")]) { m in
                    for f in fields {
                        m.element("dt", text: f.label)
                        m.element("dd") { self.linked(f.value, into: &$0) }
                    }
                }
            case .chart(let chart):
                m.element("figure", [.class("picture")]) { m in
                    EscalationPicture(chart: chart).draw(into: &m)
                }
            case .table(let table) where table.asList:
                tableNumber += 1
                if let name = table.name { m.element("h3", text: name) }
                m.element("ul", [.init("data-table", JSONRenderer.tableID(table, command: document.command, tableNumber: tableNumber))]) { m in
                    for row in table.rows { m.element("li") { self.linked(row.cells.first ?? "", into: &$0) } }
                }
            case .table(let table):
                tableNumber += 1
                let name = JSONRenderer.tableID(table, command: document.command, tableNumber: tableNumber)
                if let picture = table.picture {
                    pictures += 1
                    let unique = "p\(pictures)"
                    m.element("figure", [.class("picture"), .init("data-table", name)]) { m in
                        if let title = table.name { m.element("figcaption", text: title) }
                        switch picture {
                        case .web(let nodes): WebPicture(nodes: nodes, table: table, name: unique).draw(into: &m)
                        case .figures(let group): FiguresPicture(group: group, table: table, name: unique).draw(into: &m)
                        }
                    }
                }
                render(table, name: name, into: &m)
            }
        }
    }

    func render(_ table: Table, name: String, into m: inout Markup) {
        let heading = table.columns.firstIndex(where: \.heading)
        let shown = table.columns.indices.filter { $0 != heading }
        let claimRows = table.rows.contains { $0.ids.claim != nil }
        let isSourceList = table.column("url") != nil && table.rows.contains { $0.ids.sources.count == 1 && $0.ids.claim == nil }
        let span = shown.count + (table.showsMarker ? 1 : 0) + (claimRows ? 1 : 0)
        m.element("div", [.class("table-wrap")]) { m in
            m.element("table", [.init("data-table", name)]) { m in
                if let title = table.name { m.element("caption", text: title) }
                m.element("thead") { m in
                    m.element("tr") { m in
                        if table.showsMarker { m.element("th", [.class("marker")], text: "") }
                        for i in shown {
                            m.element("th", [.class(table.columns[i].numeric ? "num" : "")], text: table.columns[i].title)
                        }
                        if claimRows { m.element("th", text: "sources") }
                    }
                }
                m.element("tbody") { m in
                    for (r, row) in table.rows.enumerated() {
                        if let h = heading, h < row.cells.count, !row.cells[h].isEmpty,
                           r == 0 || table.rows[r - 1].cells.indices.contains(h) == false || table.rows[r - 1].cells[h] != row.cells[h] {
                            m.element("tr", [.class("group")]) { m in
                                m.element("th", [.init("colspan", String(span))], text: row.cells[h])
                            }
                        }
                        var attributes: [Markup.Attribute] = []
                        if row.marked { attributes.append(.class("cursor")) }
                        if let c = row.ids.claim, anchors.insert("claim-" + c).inserted {
                            attributes.append(.init("id", "claim-" + c))
                        } else if isSourceList, let s = row.ids.sources.first, anchors.insert("source-" + s).inserted {
                            attributes.append(.init("id", "source-" + s))
                        }
                        m.element("tr", attributes) { m in
                            if table.showsMarker { m.element("td", [.class("marker")], text: row.marked ? "▶" : "") }
                            for i in shown {
                                let column = table.columns[i]
                                let cell = i < row.cells.count ? row.cells[i] : ""
                                m.element("td", [.class(column.numeric ? "num" : column.kind == .word ? "word" : "")]) { m in
                                    if column.key == "verdict", !cell.isEmpty {
                                        m.element("span", [.class("verdict v-" + cell)], text: cell)
                                    } else if column.key == "url", HTMLRenderer.isWebAddress(cell) {
                                        m.element("a", [.init("href", cell)], text: cell)
                                    } else {
                                        self.lines(cell, into: &m)
                                    }
                                }
                            }
                            if claimRows {
                                m.element("td", [.class("sources")]) { m in
                                    for (k, s) in row.ids.sources.enumerated() {
                                        if k > 0 { m.text(", ") }
                                        self.sourceLink(s, into: &m)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if table.leftOut > 0 {
            m.element("p", [.class("left-out")],
                      text: "… and \(table.leftOut) more row\(table.leftOut == 1 ? "" : "s") left out of this report (the CSV and JSON exports hold them all).")
        }
    }

    /// A cell's lines, with line breaks. Cells break between words only (a word cut in two,
    /// `unconfir`/`med`, misleads), so a table as wide as its longest words scrolls; a run
    /// longer than `longRun` characters without a space (an address, a pasted token) gets a
    /// break opportunity (`<wbr>`) every `longRun`, so it cannot widen its column past that.
    func lines(_ text: String, into m: inout Markup) {
        var first = true
        for line in text.utf8.split(separator: 10, omittingEmptySubsequences: false) {
            if !first { m.empty("br") }
            first = false
            let line = String(Substring(line))
            guard line.utf8.count > HTMLRenderer.longRun else { linked(line, into: &m); continue }
            var piece = "", run = 0
            for c in line {
                if c.isWhitespace { run = 0 } else { run += 1 }
                if run > HTMLRenderer.longRun {
                    linked(piece, into: &m)
                    m.empty("wbr")
                    piece = ""
                    run = 1
                }
                piece.append(c)
            }
            linked(piece, into: &m)
        }
    }

    static let longRun = 30

    /// Text in which each claim id links to its row and each source id to its entry. Read
    /// as bytes: an id is a run of letters, digits, `-`, `_`, `.`, `:` (and any non-ASCII
    /// letter), less a sentence's full stop or colon after it; only runs as long as some
    /// id are looked up.
    func linked(_ text: String, into m: inout Markup) {
        guard !claims.isEmpty || !sources.isEmpty else { return m.text(text) }
        let u = text.utf8
        var pending = u.startIndex
        var i = u.startIndex
        while i < u.endIndex {
            guard HTMLRenderer.isIDByte(u[i]) else { i = u.index(after: i); continue }
            let start = i
            var count = 0
            while i < u.endIndex, HTMLRenderer.isIDByte(u[i]) { i = u.index(after: i); count += 1 }
            var end = i
            while end > start, let last = u[u.index(before: end)] as UInt8?, last == 0x2E || last == 0x3A {
                end = u.index(before: end)
                count -= 1
            }
            guard count > 0, idLengths.contains(count) else { continue }
            let word = String(Substring(u[start..<end]))
            let isClaim = claims.contains(word), isSource = !isClaim && sources[word] != nil
            guard isClaim || isSource else { continue }
            m.text(String(Substring(u[pending..<start])))
            if isClaim {
                m.element("a", [.init("href", "#claim-" + word), .class("claim-link")], text: word)
            } else {
                sourceLink(word, into: &m)
            }
            pending = end
        }
        m.text(String(Substring(u[pending..<u.endIndex])))
    }

    /// The lengths in bytes of the ids that link: most words are no id's length.
    private lazy var idLengths: Set<Int> = Set(claims.map(\.utf8.count) + sources.keys.map(\.utf8.count))

    static func isIDByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x3A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
            || b >= 0x80
    }

    func sourceLink(_ id: String, into m: inout Markup) {
        m.element("a", [.init("href", "#source-" + id), .class("source-link")], text: id)
    }

    /// Only http and https addresses become links: a scenario's `javascript:` URL stays text.
    static func isWebAddress(_ s: String) -> Bool {
        let lower = s.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !s.contains(where: { $0.isWhitespace })
    }
}
