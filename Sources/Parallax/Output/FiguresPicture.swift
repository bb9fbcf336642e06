/// One (party's losses, measure) of `figures` as SVG: every claimed value on one axis, a
/// point for a number, a bar for a range, an arrow for "at least"; one line per claim,
/// labelled with its claimant; own side, adversary and others told apart by colour and by
/// shape; values a later revision replaced (or retracted) drawn faded. Each links to its claim.
struct FiguresPicture {
    let group: FigureGroup
    let table: Table
    /// Unique in the page: the arrowhead's id is made from it.
    var name = "figures"
    var width = 960.0

    static let labelWidth = 300.0
    static let rowHeight = 22.0
    static let top = 40.0

    enum Side: String { case own, adversary, other }

    struct Mark {
        var low: Int
        var high: Int?
        var claimant: String
        var side: Side
        var faded: Bool
        var state: String
        var claim: String?
        var text: String
    }

    func marks() -> [Mark] {
        let value = table.column("value"), claimant = table.column("claimant"), state = table.column("state")
        return table.rows.compactMap { row in
            guard let v = value.map({ row.value($0, kind: .figure) }), let low = v["min"]?.intValue else { return nil }
            let high = v["max"]?.intValue
            let party = row.ids.party
            let side: Side = party != nil && party == group.losses ? .own
                : party.map { group.adversaries.contains($0) } == true ? .adversary : .other
            let st = state.flatMap { row.value($0, kind: .word).stringValue } ?? "current"
            let who = claimant.flatMap { row.value($0, kind: .text).stringValue } ?? ""
            let shown = value.map { row.cells.indices.contains($0) ? row.cells[$0] : "" } ?? ""
            return Mark(low: low, high: high, claimant: who + (party.map { " (\($0))" } ?? ""), side: side,
                        faded: st != "current", state: st, claim: row.ids.claim, text: shown)
        }
    }

    /// 1, 2 or 5 times a power of ten, so that about five ticks cover `maximum`.
    static func tickStep(_ maximum: Double) -> Double {
        guard maximum > 0 else { return 1 }
        let target = maximum / 5
        var magnitude = 1.0
        while magnitude * 10 <= target { magnitude *= 10 }
        while magnitude > target && magnitude > 0.01 { magnitude /= 10 }
        for f in [1.0, 2.0, 5.0] where magnitude * f >= target { return max(1, magnitude * f) }
        return max(1, magnitude * 10)
    }

    func draw(into m: inout Markup) {
        let marks = self.marks()
        let height = Self.top + Double(max(1, marks.count)) * Self.rowHeight + 34
        let largest = marks.map { Double($0.high ?? Int(Double($0.low) * 1.25 + 1)) }.max() ?? 1
        let step = Self.tickStep(largest)
        let maximum = max(step, (largest / step).rounded(.up) * step)
        let left = Self.labelWidth + 10, right = width - 30
        func x(_ v: Double) -> Double { left + v / maximum * (right - left) }
        let title = "Claimed \(group.measure) figures for \(group.losses ?? "all sides")"
        m.element("svg", [.init("viewBox", "0 0 \(Markup.number(width)) \(Markup.number(height))"), .class("chart figures"),
                          .init("role", "img"), .init("aria-label", title)]) { m in
            m.element("title", text: title)
            // Legend: colour and shape for the side, faded for replaced values.
            var lx = left
            for (side, text) in [(Side.own, "own side"), (.adversary, "adversary"), (.other, "others"),
                                 (nil, "replaced or retracted (faded)")] as [(Side?, String)] {
                drawMark(side ?? .other, at: lx, 14, faded: side == nil, into: &m)
                m.element("text", [.init("x", lx + 9), .init("y", 18), .class("legend")], text: text)
                lx += side == nil ? 220 : 100
            }
            // Axis with ticks.
            let axisY = height - 26
            m.empty("line", [.init("x1", left), .init("x2", right), .init("y1", axisY), .init("y2", axisY), .class("axis")])
            for t in stride(from: 0.0, through: maximum, by: step) {
                m.empty("line", [.init("x1", x(t)), .init("x2", x(t)), .init("y1", Self.top - 8), .init("y2", axisY + 4), .class("grid")])
                m.element("text", [.init("x", x(t)), .init("y", axisY + 16), .class("tick")], text: TextRenderer.number(t))
            }
            for (i, mark) in marks.enumerated() {
                let y = Self.top + Double(i) * Self.rowHeight + Self.rowHeight / 2
                let body: (inout Markup) -> Void = { m in
                    m.element("title", text: "\(mark.text) — \(mark.claimant), \(mark.state)")
                    let label = WebPicture.label(mark.claimant, fitting: Self.labelWidth - 4)
                    m.element("text", [.init("x", Self.labelWidth), .init("y", y + 4), .class("claimant")], text: label)
                    let x0 = x(Double(mark.low))
                    if let high = mark.high, high != mark.low {
                        m.empty("line", [.init("x1", x0), .init("x2", x(Double(high))), .init("y1", y), .init("y2", y),
                                         .class("range \(mark.side.rawValue)")])
                        drawMark(mark.side, at: x(Double(high)), y, faded: false, into: &m)
                    } else if mark.high == nil {
                        m.empty("line", [.init("x1", x0), .init("x2", right), .init("y1", y), .init("y2", y),
                                         .class("range open \(mark.side.rawValue)"), .init("marker-end", "url(#open-end-\(name))")])
                    }
                    drawMark(mark.side, at: x0, y, faded: false, into: &m)
                    if mark.high == nil {
                        m.element("text", [.init("x", x0 + 9), .init("y", y - 5), .class("value")], text: mark.text)
                    } else {
                        // Right of the mark, or left of it where the picture's edge would cut it off.
                        let at = x(Double(mark.high ?? mark.low))
                        let fits = at + 9 + EscalationPicture.labelWidth(mark.text) <= width - 2
                        m.element("text", [.init("x", fits ? at + 9 : at - 9), .init("y", y + 4), .class("value")]
                                      + (fits ? [] : [.init("style", "text-anchor:end")]), text: mark.text)
                    }
                }
                let attributes: [Markup.Attribute] = [.class("claim \(mark.side.rawValue)" + (mark.faded ? " faded" : ""))]
                if let claim = mark.claim {
                    m.element("a", attributes + [.init("href", "#claim-" + claim)], body)
                } else {
                    m.element("g", attributes, body)
                }
            }
            m.element("defs") { m in
                m.element("marker", [.init("id", "open-end-" + name), .init("viewBox", "0 0 10 10"), .init("refX", "10"), .init("refY", "5"),
                                     .init("markerUnits", "userSpaceOnUse"), .init("markerWidth", "10"), .init("markerHeight", "10"),
                                     .init("orient", "auto")]) { m in
                    m.empty("path", [.init("d", "M 0 0 L 10 5 L 0 10 z"), .class("arrowhead")])
                }
            }
        }
    }

    /// Own: a circle; adversary: a square; others: a diamond.
    func drawMark(_ side: Side, at x: Double, _ y: Double, faded: Bool, into m: inout Markup) {
        let cls = "mark \(side.rawValue)" + (faded ? " faded" : "")
        switch side {
        case .own: m.empty("circle", [.init("cx", x), .init("cy", y), .init("r", 5), .class(cls)])
        case .adversary: m.empty("rect", [.init("x", x - 5), .init("y", y - 5), .init("width", 10), .init("height", 10), .class(cls)])
        case .other:
            m.empty("path", [.init("d", "M \(Markup.number(x)) \(Markup.number(y - 6)) l 6 6 l -6 6 l -6 -6 z"), .class(cls)])
        }
    }
}
