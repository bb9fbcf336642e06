/// The contact web as SVG: parties and actors as nodes around a circle, grouped by party,
/// and each contact (call, meeting, appeal, mediation) as a dated edge, an arrow when it
/// has a direction. Drawn from the rows of `contacts`: their `from`/`to` ids and dates.
struct WebPicture {
    let nodes: [WebNode]
    let table: Table
    /// Unique in the page: the arrowhead's id is made from it.
    var name = "contacts"
    var width = 960.0
    var height = 560.0

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
    static let typeClass: [String: String] = ["consult": "consult", "mediate": "mediate", "negotiate": "negotiate",
                                              "appeal": "appeal", "agreement": "agreement"]

    /// One drawn edge: from one node to another, with the contact's position and date.
    struct Edge {
        var from: Int
        var to: Int
        var directed: Bool
        var label: String
        var type: String
        var title: String
        var event: String?
    }

    func edges(index: [String: Int]) -> [Edge] {
        let position = table.column("position"), date = table.column("date"), type = table.column("type")
        let from = table.column("from"), to = table.column("to"), title = table.column("title")
        var out: [Edge] = []
        for row in table.rows {
            func value(_ i: Int?, _ kind: Table.Column.Kind = .text) -> CellValue { i.map { row.value($0, kind: kind) } ?? .null }
            let targets: [String]
            if case .list(let items) = value(to) { targets = items.compactMap(\.stringValue) } else { targets = [] }
            let label = "#" + String(value(position, .number).intValue ?? 0) + " " + (value(date).stringValue ?? "")
            let kind = value(type).stringValue ?? ""
            let text = value(title).stringValue ?? ""
            if let source = value(from).stringValue, let a = index[source] {
                for t in targets { if let b = index[t] { out.append(Edge(from: a, to: b, directed: true, label: label, type: kind, title: text, event: row.ids.event)) } }
            } else if let first = targets.first, let a = index[first] {
                for t in targets.dropFirst() {
                    if let b = index[t] { out.append(Edge(from: a, to: b, directed: false, label: label, type: kind, title: text, event: row.ids.event)) }
                }
            }
        }
        return out
    }

    /// At most this many nodes are drawn (the most connected); their edges with them.
    static let nodeCap = 30
    /// Edge labels (position and date) are drawn when there are at most this many edges;
    /// beyond, each edge's tooltip keeps them.
    static let labelCap = 40
    /// More edges than this between one pair in one direction are drawn as one, thicker,
    /// labelled with their count.
    static let bundleCap = 3

    /// The nodes with an edge in the table's rows; past `nodeCap`, the most connected.
    func shownNodes() -> [WebNode] {
        var all: [String: Int] = [:]
        for (i, n) in nodes.enumerated() { all[n.id] = i }
        var degree: [String: Int] = [:]
        for e in edges(index: all) {
            degree[nodes[e.from].id, default: 0] += 1
            degree[nodes[e.to].id, default: 0] += 1
        }
        let connected = nodes.filter { degree[$0.id] != nil }
        guard connected.count > Self.nodeCap else { return connected }
        let kept = Set(connected.enumerated().sorted {
            let a = degree[$0.element.id] ?? 0, b = degree[$1.element.id] ?? 0
            return a != b ? a > b : $0.offset < $1.offset
        }.prefix(Self.nodeCap).map(\.element.id))
        return connected.filter { kept.contains($0.id) }
    }

    func draw(into m: inout Markup) {
        let nodes = shownNodes()
        // Nodes grouped by party, in order of first appearance.
        var partyOrder: [String] = []
        for n in nodes where !partyOrder.contains(n.party ?? "") { partyOrder.append(n.party ?? "") }
        let ordered = nodes.enumerated().sorted {
            let a = partyOrder.firstIndex(of: $0.element.party ?? "") ?? 0, b = partyOrder.firstIndex(of: $1.element.party ?? "") ?? 0
            if a != b { return a < b }
            if $0.element.isParty != $1.element.isParty { return $0.element.isParty }
            return $0.offset < $1.offset
        }.map(\.element)
        var index: [String: Int] = [:]
        for (i, n) in ordered.enumerated() { index[n.id] = i }
        let cx = width / 2, cy = height / 2 + 10
        let radius = min(width, height) / 2 - 90
        func point(_ i: Int) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(max(1, ordered.count))
            return (cx + radius * cos(angle), cy + radius * sin(angle))
        }
        let edges = self.edges(index: index)
        let left = self.nodes.count - nodes.count
        m.element("svg", [.init("viewBox", "0 0 \(Markup.number(width)) \(Markup.number(height))"), .class("chart web"),
                          .init("role", "img"), .init("aria-label", "Contact web: who spoke with whom, and when")]) { m in
            m.element("title", text: "Contact web: parties and actors, with each call, meeting, appeal or mediation as a dated edge")
            m.element("defs") { m in
                m.element("marker", [.init("id", "arrow-" + name), .init("viewBox", "0 0 10 10"), .init("refX", "10"), .init("refY", "5"),
                                     .init("markerWidth", "7"), .init("markerHeight", "7"), .init("orient", "auto-start-reverse")]) { m in
                    m.empty("path", [.init("d", "M 0 0 L 10 5 L 0 10 z"), .class("arrowhead")])
                }
            }
            // Several edges between one pair bend apart; many are bundled into one.
            var bundles: [String: [Edge]] = [:]
            for e in edges { bundles["\(e.from)>\(e.to)>\(e.directed)", default: []].append(e) }
            var drawn: [(edge: Edge, count: Int)] = []
            var done: Set<String> = []
            for e in edges {
                let key = "\(e.from)>\(e.to)>\(e.directed)"
                let group = bundles[key] ?? [e]
                if group.count <= Self.bundleCap {
                    drawn.append((e, 1))
                } else if done.insert(key).inserted {
                    var first = group[0]
                    first.label = "\(group.count)× " + (group.first?.label ?? "") + " … " + (group.last?.label ?? "")
                    drawn.append((first, group.count))
                }
            }
            let labelled = drawn.count <= Self.labelCap
            // Boxes already taken by a node or a label: an edge label that would overlap one
            // is left out (the edge's tooltip and the table keep it), never drawn over it.
            var taken: [Box] = ordered.indices.map { i in
                let (x, y) = point(i)
                return Box(x: x - 14, y: y - 14, width: 28, height: 28)
            }
            var seen: [String: Int] = [:]
            var counts: [String: Int] = [:]
            for (e, _) in drawn { counts[Self.pairKey(e.from, e.to), default: 0] += 1 }
            for (e, bundled) in drawn {
                let key = Self.pairKey(e.from, e.to)
                let k = seen[key, default: 0]
                seen[key] = k + 1
                let n = counts[key] ?? 1
                let (x1, y1) = point(e.from), (x2, y2) = point(e.to)
                let dx = x2 - x1, dy = y2 - y1
                let length = max(1, (dx * dx + dy * dy).squareRoot())
                // Stop short of the target node so the arrow shows.
                let stop = 16 / length
                let (ex, ey) = (x2 - dx * stop, y2 - dy * stop)
                let bend = (Double(k) - Double(n - 1) / 2) * 34 * (e.from < e.to ? 1 : -1)
                let (mx, my) = ((x1 + ex) / 2 - dy / length * bend, (y1 + ey) / 2 + dx / length * bend)
                var attributes: [Markup.Attribute] = [
                    .init("d", "M \(Markup.number(x1)) \(Markup.number(y1)) Q \(Markup.number(mx)) \(Markup.number(my)) \(Markup.number(ex)) \(Markup.number(ey))"),
                    .class("edge " + (Self.typeClass[e.type] ?? "other")),
                ]
                if bundled > 1 { attributes.append(.init("stroke-width", min(8, 1.6 + Double(bundled).squareRoot()))) }
                if e.directed { attributes.append(.init("marker-end", "url(#arrow-\(name))")) }
                m.element("g", [.class("contact")]) { m in
                    m.element("title", text: e.label + " " + e.type + ": " + e.title)
                    m.empty("path", attributes)
                    // The label at the curve's middle (a quadratic's midpoint).
                    let lx = 0.25 * x1 + 0.5 * mx + 0.25 * ex, ly = 0.25 * y1 + 0.5 * my + 0.25 * ey
                    let text = bundled > 1 ? "\(bundled)×" : e.label
                    let w = EscalationPicture.labelWidth(text) * 10 / 11
                    let box = Box(x: lx - w / 2, y: ly - 14, width: w, height: 13)
                    if labelled || bundled > 1, !taken.contains(where: { $0.overlaps(box) }) {
                        taken.append(box)
                        m.element("text", [.init("x", lx), .init("y", ly - 3), .class("edge-label")], text: text)
                    }
                }
            }
            if left > 0 || table.leftOut > 0 {
                m.element("text", [.init("x", 8), .init("y", height - 8), .class("edge-label start")],
                          text: "Shown: the \(nodes.count) most connected of \(self.nodes.count) participants, in \(table.rows.count) of "
                              + "\(table.rows.count + table.leftOut) contacts (all are in the table).")
            }
            for (i, n) in ordered.enumerated() {
                let (x, y) = point(i)
                let colour = Self.palette[(partyOrder.firstIndex(of: n.party ?? "") ?? 0) % Self.palette.count]
                m.element("g", [.class(n.isParty ? "node party" : "node actor")]) { m in
                    m.element("title", text: n.name + (n.party.map { n.isParty ? " (party \($0))" : " (\($0))" } ?? ""))
                    if n.isParty {
                        m.empty("rect", [.init("x", x - 13), .init("y", y - 13), .init("width", 26), .init("height", 26),
                                         .init("rx", 5), .init("fill", colour)])
                    } else {
                        m.empty("circle", [.init("cx", x), .init("cy", y), .init("r", 10), .init("fill", colour)])
                    }
                    let right = x >= cx + 1, left = x <= cx - 1
                    let anchor = right ? "start" : left ? "end" : "middle"
                    let tx = right ? x + 18 : left ? x - 18 : x
                    let ty = right || left ? y + 4 : (y < cy ? y - 20 : y + 28)
                    let tag = n.party.flatMap { n.isParty ? nil : " (" + $0 + ")" } ?? ""
                    let room = right ? width - tx - 4 : left ? tx - 4 : 2 * min(tx, width - tx) - 8
                    m.element("text", [.init("x", tx), .init("y", ty), .init("text-anchor", anchor), .class("node-label")]) { m in
                        m.text(Self.label(n.name, fitting: room - EscalationPicture.labelWidth(tag)))
                        if !tag.isEmpty { m.element("tspan", [.class("node-party")], text: tag) }
                    }
                }
            }
        }
    }

    /// A rectangle of the picture, for keeping labels apart.
    struct Box {
        var x, y, width, height: Double
        func overlaps(_ o: Box) -> Bool {
            x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height
        }
    }

    static func pairKey(_ a: Int, _ b: Int) -> String { "\(min(a, b))-\(max(a, b))" }

    /// A node's name, cut with `…` when it is wider than the room beside its node (the
    /// picture's edge would cut it off, or it would run over other nodes); the whole name
    /// is in the node's tooltip and in the table under the picture.
    static func label(_ name: String, fitting room: Double) -> String {
        if EscalationPicture.labelWidth(name) <= room { return name }
        var kept = ""
        for c in name {
            if EscalationPicture.labelWidth(kept + String(c) + "…") > room { break }
            kept.append(c)
        }
        return kept.trimmingSuffixSpaces + "…"
    }
}

extension String {
    fileprivate var trimmingSuffixSpaces: String {
        var s = Substring(self)
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
