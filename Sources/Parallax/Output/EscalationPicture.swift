/// The escalation chart as SVG, on a time axis: events stand at their dates, a quiet
/// stretch the series marks (`Chart.Bar.gapBefore`) is drawn as a break with its length, phases are
/// shaded, the cursor is marked. When events outnumber the room, they are binned by day,
/// week, month or year, each bin drawn as its most intense event with its count.
struct EscalationPicture {
    let chart: Chart
    var width = 960.0
    var height = 340.0

    /// One drawn bar: one event or a bin of several.
    struct Column {
        var bar: Chart.Bar
        var count: Int
        var firstDay: Int
        var lastDay: Int
        var marked: Bool
        var phase: String
        var x = 0.0
        /// The bin's lowest and highest intensity and their sum (for the mean).
        var low: Double
        var high: Double
        var sum: Double
    }

    static let plot = (left: 44.0, right: 16.0, top: 34.0, bottom: 58.0)

    /// About how wide 11-unit sans-serif text is. SVG cannot measure text when it is
    /// written, so room is kept for wide glyphs: 6.5 units a column (7.5 when bold).
    static func labelWidth(_ text: String, bold: Bool = false) -> Double {
        Double(TextRenderer.width(text)) * (bold ? 7.5 : 6.5)
    }

    /// Where a label centred on `x` goes: there, or anchored at its end (its start) when
    /// centred it would cross the picture's right (left) edge and be cut off. An inline
    /// style, since the stylesheet centres these labels.
    /// The extent a label `placed` at `x` covers.
    func span(_ text: String, at x: Double, bold: Bool = false) -> ClosedRange<Double> {
        let w = Self.labelWidth(text, bold: bold)
        if x + w / 2 > width - 2 { return width - 2 - w...width - 2 }
        if x - w / 2 < 2 { return 2...2 + w }
        return x - w / 2...x + w / 2
    }

    func placed(_ text: String, at x: Double, bold: Bool = false) -> [Markup.Attribute] {
        let half = Self.labelWidth(text, bold: bold) / 2
        if x + half > width - 2 { return [.init("x", width - 2), .init("style", "text-anchor:end")] }
        if x - half < 2 { return [.init("x", 2), .init("style", "text-anchor:start")] }
        return [.init("x", x)]
    }
    static let minStep = 12.0
    static let breakWidth = 70.0

    /// The columns, binned when there are more than the width holds.
    func columns() -> [Column] {
        var phase = ""
        var singles: [Column] = []
        singles.reserveCapacity(chart.bars.count)
        for (i, bar) in chart.bars.enumerated() {
            if let p = bar.phase ?? bar.group { phase = p }
            let first = bar.firstDay ?? i
            singles.append(Column(bar: bar, count: 1, firstDay: first, lastDay: bar.lastDay ?? first, marked: bar.marked, phase: phase,
                                  low: bar.value, high: bar.value, sum: bar.value))
        }
        let room = Int((width - Self.plot.left - Self.plot.right - Self.breakWidth) / Self.minStep)
        guard singles.count > room else { return singles }
        // Day, week (7 days), month (about 30), year, decade: the first that fits, keeping
        // phases apart if it can; else runs of equal numbers of events.
        for keepPhases in [true, false] {
            for size in [1, 7, 30, 365, 3650] {
                let bins = bin(singles, keepPhases: keepPhases) { $0.firstDay / size }
                if bins.count <= room { return bins }
            }
        }
        let per = (singles.count + room - 1) / room
        var k = 0
        return bin(singles, keepPhases: false) { _ in defer { k += 1 }; return k / per }
    }

    /// Consecutive columns with the same key (and phase, when `keepPhases`), as one.
    func bin(_ columns: [Column], keepPhases: Bool, key: (Column) -> Int) -> [Column] {
        var out: [Column] = []
        var lastKey = Int.min
        for c in columns {
            let k = key(c)
            defer { lastKey = k }
            if var last = out.last, lastKey == k, !keepPhases || last.phase == c.phase {
                last.count += 1
                last.lastDay = max(last.lastDay, c.lastDay)
                last.low = min(last.low, c.low)
                last.high = max(last.high, c.high)
                last.sum += c.sum
                last.marked = last.marked || c.marked
                if abs(c.bar.value) > abs(last.bar.value) {
                    let gap = last.bar.gapBefore
                    last.bar = c.bar
                    last.bar.gapBefore = gap
                }
                out[out.count - 1] = last
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Places the columns: each at least `minStep` after the one before, further by its
    /// gap in days times a scale found so that the whole fits the plot.
    func place(_ columns: inout [Column]) -> Set<Int> {
        guard !columns.isEmpty else { return [] }
        let gaps = zip(columns, columns.dropFirst()).map { max(0, $1.firstDay - $0.firstDay) }
        // The breaks are the series' own (`EscalationSeries`: a quiet stretch longer than
        // the chart's usual spacing), as the terminal's chart draws them.
        let breaks = Set(columns.indices.dropFirst().filter { columns[$0].bar.gapBefore != nil }.map { $0 - 1 })
        let span = width - Self.plot.left - Self.plot.right - Self.minStep
        func total(_ perDay: Double) -> Double {
            gaps.enumerated().reduce(0) { sum, g in
                sum + (breaks.contains(g.offset) ? Self.breakWidth : max(Self.minStep, Double(g.element) * perDay))
            }
        }
        var low = 0.0, high = 1000.0
        for _ in 0..<50 {
            let mid = (low + high) / 2
            if total(mid) > span { high = mid } else { low = mid }
        }
        var x = Self.plot.left + Self.minStep / 2 + max(0, (span - total(low)) / 2)
        columns[0].x = x
        for (i, g) in gaps.enumerated() {
            x += breaks.contains(i) ? Self.breakWidth : max(Self.minStep, Double(g) * low)
            columns[i + 1].x = x
        }
        return breaks
    }

    func y(_ v: Double) -> Double {
        let top = Self.plot.top, bottom = height - Self.plot.bottom
        return top + (10 - max(-10, min(10, v))) / 20 * (bottom - top)
    }

    static let phaseColours: [String: String] = [
        "background": "#eeeeee", "build-up": "#fbe9d0", "escalation": "#f7d4d4", "mediation": "#dbe8f6",
        "de-escalation": "#dcefdc", "aftermath": "#ece4f3",
    ]

    func draw(into m: inout Markup, standalone: Bool = false) {
        var columns = self.columns()
        let breaks = place(&columns)
        var attributes: [Markup.Attribute] = [.init("viewBox", "0 0 \(Markup.number(width)) \(Markup.number(height))"),
                                              .init("class", "chart escalation"), .init("role", "img"),
                                              .init("aria-label", "Escalation chart: intensity of each event over time")]
        if standalone {
            attributes.insert(.init("xmlns", "http://www.w3.org/2000/svg"), at: 0)
            attributes += [.init("width", width), .init("height", height)]
        }
        m.element("svg", attributes) { m in
            m.element("title", text: "Escalation: intensity of each event (−10 … +10) over time")
            if standalone {
                m.element("style") { $0.trusted(EscalationPicture.style) }
                m.empty("rect", [.init("width", width), .init("height", height), .class("paper")])
            }
            let top = Self.plot.top, bottom = height - Self.plot.bottom
            // Phases shaded: one band per run of columns in the same phase.
            var start = 0
            var unnamed = false
            for i in columns.indices where i == columns.count - 1 || columns[i + 1].phase != columns[i].phase {
                let x0 = (start == 0 ? Self.plot.left : (columns[start - 1].x + columns[start].x) / 2)
                let x1 = (i == columns.count - 1 ? width - Self.plot.right : (columns[i].x + columns[i + 1].x) / 2)
                m.empty("rect", [.init("x", x0), .init("y", top), .init("width", max(0, x1 - x0)), .init("height", bottom - top),
                                 .init("fill", Self.phaseColours[columns[i].phase] ?? "#f2f2f2"), .class("phase")])
                // A name wider than its band would run into the next one's: left to the table.
                if Self.labelWidth(columns[i].phase, bold: true) <= x1 - x0 + 8 {
                    m.element("text", [.init("y", top - 6), .class("phase-name")] + self.placed(columns[i].phase, at: (x0 + x1) / 2, bold: true),
                              text: columns[i].phase)
                } else {
                    unnamed = true
                }
                start = i + 1
            }
            // Value axis: -10, -5, 0, 5, 10.
            for v in stride(from: -10.0, through: 10.0, by: 5.0) {
                m.empty("line", [.init("x1", Self.plot.left), .init("x2", width - Self.plot.right), .init("y1", y(v)),
                                 .init("y2", y(v)), .class(v == 0 ? "zero" : "grid")])
                m.element("text", [.init("x", Self.plot.left - 6), .init("y", y(v) + 4), .class("tick value")],
                          text: TextRenderer.number(v))
            }
            // Breaks: a gap longer than the rest, with its length.
            for i in breaks.sorted() {
                let mid = (columns[i].x + columns[i + 1].x) / 2
                m.empty("rect", [.init("x", mid - Self.breakWidth / 2 + 6), .init("y", top), .init("width", Self.breakWidth - 12),
                                 .init("height", bottom - top), .class("break")])
                m.element("text", [.init("x", mid), .init("y", y(0) - 6), .class("break-label")],
                          text: columns[i + 1].bar.gapBefore ?? "")
            }
            // Bars, each with its label as a tooltip.
            let barWidth = max(2, min(14, Self.minStep - 1.5))
            for c in columns {
                let y0 = y(0), y1 = y(c.bar.value)
                var tip = c.bar.label + " (" + TextRenderer.number(c.bar.value) + ")"
                if c.count > 1 {
                    tip = "\(c.count) events from \(PartialDateText.day(c.firstDay)) to \(PartialDateText.day(c.lastDay)): "
                        + "intensity \(TextRenderer.number(c.low)) to \(TextRenderer.number(c.high)), mean "
                        + "\(TextRenderer.number(c.sum / Double(c.count))); the most intense: " + tip
                }
                m.element("g", [.class("column")]) { m in
                    m.element("title", text: tip)
                    m.empty("rect", [.init("x", c.x - barWidth / 2), .init("y", min(y0, y1)), .init("width", barWidth),
                                     .init("height", max(1, abs(y1 - y0))),
                                     .class(c.bar.value < 0 ? "bar hostile" : "bar cooperative")])
                    if c.count > 1 {
                        // The bin's range as a whisker and its mean as a tick.
                        m.empty("line", [.init("x1", c.x), .init("x2", c.x), .init("y1", y(c.high)), .init("y2", y(c.low)), .class("range")])
                        let mean = y(c.sum / Double(c.count))
                        m.empty("line", [.init("x1", c.x - barWidth / 2 - 2), .init("x2", c.x + barWidth / 2 + 2), .init("y1", mean),
                                         .init("y2", mean), .class("mean")])
                    }
                }
            }
            if columns.contains(where: { $0.count > 1 }) {
                let size = chart.bars.count / max(1, columns.count)
                m.element("text", [.init("x", width - Self.plot.right), .init("y", 12), .class("binned")],
                          text: "\(chart.bars.count) events in \(columns.count) bins (about \(size) each): bar the most intense, "
                              + "line the range, tick the mean")
            }
            // Date ticks: first the first column and each column after a break, then each
            // new month, where a label has room (80 units from every other, and never over
            // another once moved in from the picture's edge).
            var placed: [Double] = []
            var spans: [ClosedRange<Double>] = []
            let starts = columns.indices.filter { $0 == 0 || breaks.contains($0 - 1) }
            let months = columns.indices.filter { $0 > 0 && !breaks.contains($0 - 1)
                && PartialDateText.month(columns[$0].firstDay) != PartialDateText.month(columns[$0 - 1].firstDay) }
            for i in starts + months {
                let c = columns[i]
                guard placed.allSatisfy({ abs($0 - c.x) >= 80 }) else { continue }
                // A range's first date (`2020-09` of `2020-09..2020-11`), as written.
                let written = c.count == 1 ? c.bar.date.map { String($0.prefix { $0 != "." }) } : nil
                let label = written ?? PartialDateText.day(c.firstDay)
                let span = self.span(label, at: c.x)
                guard !spans.contains(where: { $0.overlaps(span.lowerBound - 6...span.upperBound + 6) }) else { continue }
                placed.append(c.x)
                spans.append(span)
                m.empty("line", [.init("x1", c.x), .init("x2", c.x), .init("y1", bottom), .init("y2", bottom + 4), .class("grid")])
                m.element("text", [.init("y", bottom + 16), .class("tick date")] + self.placed(label, at: c.x), text: label)
            }
            // A band too narrow for its name leaves it to a key of every phase's colour.
            if unnamed {
                var x = Self.plot.left, phases: [String] = []
                for c in columns where !phases.contains(c.phase) { phases.append(c.phase) }
                for phase in phases {
                    m.empty("rect", [.init("x", x), .init("y", height - 15), .init("width", 10), .init("height", 10),
                                     .init("fill", Self.phaseColours[phase] ?? "#f2f2f2"), .class("phase-key")])
                    m.element("text", [.init("x", x + 14), .init("y", height - 6), .class("phase-key-name")], text: phase)
                    x += 14 + Self.labelWidth(phase) + 14
                }
            }
            // The cursor: its line stops above a date label it would cross.
            if let c = columns.first(where: \.marked) {
                let crosses = spans.contains { $0.contains(c.x) }
                m.empty("line", [.init("x1", c.x), .init("x2", c.x), .init("y1", top - 2), .init("y2", bottom + (crosses ? 4 : 22)),
                                 .class("cursor")])
                m.element("text", [.init("y", bottom + 34), .class("cursor-label")] + self.placed("▲ cursor", at: c.x), text: "▲ cursor")
            } else if !chart.bars.isEmpty {
                m.element("text", [.init("x", Self.plot.left), .init("y", bottom + 34), .class("cursor-label start")],
                          text: chart.bars.contains(where: \.marked) ? "" : "cursor: before the first event")
            }
            m.element("text", [.init("x", 12), .init("y", (top + bottom) / 2), .class("axis-name"),
                               .init("transform", "rotate(-90 12 \(Markup.number((top + bottom) / 2)))")],
                      text: "intensity")
        }
    }

    /// For `export svg`: the chart styled on its own.
    static let style: StaticString = """
        .paper{fill:#fff}.grid{stroke:#ccc;stroke-width:.5}.zero{stroke:#555;stroke-width:1}
        .tick,.phase-name,.break-label,.count,.cursor-label,.axis-name{font:11px sans-serif;fill:#333}
        .tick.value{text-anchor:end}.tick.date,.phase-name,.break-label,.count,.cursor-label{text-anchor:middle}
        .cursor-label.start{text-anchor:start}.axis-name{text-anchor:middle}
        .phase-key-name{font:11px sans-serif;fill:#333}.phase-key{stroke:#999;stroke-width:.5}
        .bar.hostile{fill:#c0392b}.bar.cooperative{fill:#2e86c1}.break{fill:#fff;stroke:#999;stroke-dasharray:3 3}
        .cursor{stroke:#000;stroke-width:2;stroke-dasharray:4 2}.phase-name{font-weight:bold}
        .column .range{stroke:#222;stroke-width:1}.column .mean{stroke:#222;stroke-width:2}.binned{font:10px sans-serif;fill:#555;text-anchor:end}
        """
}

/// Day numbers (`PartialDate.firstDay`) back to dates, for axis labels.
enum PartialDateText {
    /// (year, month, day) of a day number.
    static func civil(_ n: Int) -> (Int, Int, Int) {
        // Inverse of `PartialDate.ordinal`, by search over years then months: a few steps.
        var year = max(1, n / 366)
        while PartialDate.ordinal(year + 1, 1, 1) <= n { year += 1 }
        while year > 1 && PartialDate.ordinal(year, 1, 1) > n { year -= 1 }
        var month = 1
        while month < 12 && PartialDate.ordinal(year, month + 1, 1) <= n { month += 1 }
        return (year, month, n - PartialDate.ordinal(year, month, 1) + 1)
    }

    static func day(_ n: Int) -> String {
        let (y, m, d) = civil(n)
        return "\(y)-\(PartialDate.pad(m))-\(PartialDate.pad(d))"
    }

    static func month(_ n: Int) -> Int {
        let (y, m, _) = civil(n)
        return y * 12 + m
    }
}
