/// The intensity of the events on a time axis, for the escalation chart. A quiet stretch
/// longer than the chart's usual spacing is drawn as a break with its length, so four
/// quiet months never look like an hour; when the events outnumber the lines the chart may
/// take, they are binned by day, week, month (or, failing those, year), each bin showing
/// its most intense event, how many events it holds and its phases.
public enum EscalationSeries {
    /// The lines the chart may take (bars, phase headings and breaks) before it bins.
    public static let lineBudget = 80

    public enum Bin: String, Sendable, CaseIterable {
        case event, day, week, month, year
    }

    /// What the chart reads of an event, read once: the passes below go over every event
    /// several times, and reading a field of `events[i]` copies the whole event first.
    struct Point {
        var firstDay: Int
        var lastDay: Int
        var intensity: Double
        var phase: Phase
    }

    static func points(_ events: EventList) -> [Point] {
        events.indices.map { i in
            let date = events.date(i)
            return Point(firstDay: date.firstDay, lastDay: date.lastDay, intensity: events.intensity(i), phase: events.phase(i))
        }
    }

    public static func chart(_ s: Session, lines: Int = lineBudget) -> Chart {
        let all = s.scenario.events
        guard !all.isEmpty else { return Chart(bars: []) }
        let events = points(all)
        var chosen: (Bin, [Range<Int>])?
        for bin in Bin.allCases {
            // A bin with more groups than lines cannot fit (every group takes a line): told
            // by counting them up to one too many, so that a million events are grouped
            // only by the bin that fits (the coarsest is always built, as the last resort).
            if bin != Bin.allCases.last && groupCount(events, by: bin, above: lines) > lines { continue }
            let groups = self.groups(events, by: bin)
            chosen = (bin, groups)
            if lineCount(groups, events, bin: bin) <= lines { break }
        }
        guard let (bin, groups) = chosen else { return Chart(bars: []) }
        let gaps = breaks(groups, events, bin: bin)
        var bars: [Chart.Bar] = []
        bars.reserveCapacity(groups.count)
        var phase: Phase?
        for (k, range) in groups.enumerated() {
            let first = events[range.lowerBound]
            // One bar per event: a heading where a phase starts. A bin names its phases.
            let group: String? = bin == .event && first.phase != phase ? first.phase.rawValue : nil
            phase = events[range.upperBound - 1].phase
            // The most intense: the largest magnitude, the first of equals.
            var top = range.lowerBound
            for i in range where abs(events[i].intensity) > abs(events[top].intensity) { top = i }
            let label: String
            if bin == .event {
                label = "#" + String(top + 1) + " " + all[top].date.description + " " + all[top].title
            } else {
                let last = events[range.upperBound - 1].phase
                let phases = first.phase == last ? last.rawValue : first.phase.rawValue + "→" + last.rawValue
                label = binLabel(first.firstDay, bin) + " ×" + String(range.count) + " " + phases + ": #"
                    + String(top + 1) + " " + all[top].title
            }
            // Dates on the time axis: the bin's first day to the last any of its events covers.
            var lastDay = first.lastDay
            for i in range { lastDay = max(lastDay, events[i].lastDay) }
            bars.append(Chart.Bar(label: label, value: events[top].intensity, marked: range.contains(s.cursor - 1),
                                  group: group, gapBefore: gaps[k], event: all[top].id,
                                  date: range.count == 1 ? all[range.lowerBound].date.description : nil,
                                  firstDay: first.firstDay, lastDay: lastDay,
                                  phase: events[range.upperBound - 1].phase.rawValue))
        }
        return Chart(bars: bars, scale: 10, bin: bin == .event ? nil : bin.rawValue)
    }

    /// Consecutive events that share a bin (each event alone for `.event`).
    static func groups(_ events: [Point], by bin: Bin) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var start = 0
        var keys = Keys(bin)
        var key = keys.key(events[0].firstDay, 0)
        for i in 1..<max(1, events.count) {
            let k = keys.key(events[i].firstDay, i)
            if k != key {
                groups.append(start..<i)
                start = i
                key = k
            }
        }
        groups.append(start..<events.count)
        return groups
    }

    /// How many groups `groups` would make, counted no further than `limit + 1`.
    static func groupCount(_ events: [Point], by bin: Bin, above limit: Int) -> Int {
        guard !events.isEmpty else { return 0 }
        var count = 1
        var keys = Keys(bin)
        var key = keys.key(events[0].firstDay, 0)
        for i in 1..<events.count {
            let k = keys.key(events[i].firstDay, i)
            if k != key {
                count += 1
                if count > limit { break }
                key = k
            }
        }
        return count
    }

    /// `key` for days in sequence order: the month or year a day falls in is worked out
    /// once per month or year and reused while the days stay in it.
    struct Keys {
        let bin: Bin
        private var span = 0..<0
        private var current = 0

        init(_ bin: Bin) { self.bin = bin }

        mutating func key(_ day: Int, _ index: Int) -> Int {
            guard bin == .month || bin == .year else { return EscalationSeries.key(day, bin, index) }
            if span.contains(day) { return current }
            let d = date(ofDay: day)
            if bin == .month {
                let first = PartialDate.ordinal(d.year, d.month, 1)
                span = first..<(first + PartialDate.daysIn(month: d.month, year: d.year))
                current = d.year * 12 + d.month
            } else {
                span = PartialDate.ordinal(d.year, 1, 1)..<PartialDate.ordinal(d.year + 1, 1, 1)
                current = d.year
            }
            return current
        }
    }

    /// Days since 0001-01-01 are Mondays when divisible by 7 (0001-01-01 was a Monday).
    static func key(_ day: Int, _ bin: Bin, _ index: Int) -> Int {
        switch bin {
        case .event: return index
        case .day: return day
        case .week: return day / 7
        case .month:
            let d = date(ofDay: day)
            return d.year * 12 + d.month
        case .year: return date(ofDay: day).year
        }
    }

    static func lineCount(_ groups: [Range<Int>], _ events: [Point], bin: Bin) -> Int {
        let headings = bin == .event
        var phases = 0
        var phase: Phase?
        for g in groups where headings && events[g.lowerBound].phase != phase {
            phases += 1
            phase = events[g.upperBound - 1].phase
        }
        return groups.count + phases + breaks(groups, events, bin: bin).lazy.filter { $0 != nil }.count
    }

    /// The break before each group, when the quiet time before it (from the latest day any
    /// earlier event covers to its first day) is longer than the chart's usual spacing:
    /// four times the median quiet time, and more than one bin (a day for single events).
    static func breaks(_ groups: [Range<Int>], _ events: [Point], bin: Bin) -> [String?] {
        var quiet = [Int](repeating: 0, count: groups.count)
        var covered = Int.min
        for (k, g) in groups.enumerated() {
            if k > 0 { quiet[k] = max(0, events[g.lowerBound].firstDay - covered - 1) }
            for i in g { covered = max(covered, events[i].lastDay) }
        }
        let sorted = quiet.dropFirst().sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        let binDays: Int
        switch bin {
        case .event, .day: binDays = 1
        case .week: binDays = 7
        case .month: binDays = 31
        case .year: binDays = 366
        }
        let threshold = max(binDays, 4 * median)
        return quiet.enumerated().map { k, days in k > 0 && days > threshold ? length(days) : nil }
    }

    /// `12 days`, `3 weeks`, `6 months`, `26 years`.
    public static func length(_ days: Int) -> String {
        func unit(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        if days < 14 { return unit(days, "day") }
        if days < 61 { return unit(Int((Double(days) / 7).rounded()), "week") }
        if days < 700 { return unit(Int((Double(days) / 30.44).rounded()), "month") }
        return unit(Int((Double(days) / 365.25).rounded()), "year")
    }

    /// `2021-11-16`, `wk 2021-11-15` (its Monday), `2021-11`, `2021`: the bin a day falls in.
    static func binLabel(_ day: Int, _ bin: Bin) -> String {
        let d = date(ofDay: bin == .week ? day - day % 7 : day)
        let text = PartialDate(year: d.year, month: d.month, day: d.day)?.description ?? String(d.year)
        switch bin {
        case .event, .day: return text
        case .week: return "wk " + text
        case .month: return String(text.prefix(7))
        case .year: return String(text.prefix(4))
        }
    }

    /// The calendar date of a day number (the inverse of `PartialDate.firstDay`).
    static func date(ofDay day: Int) -> (year: Int, month: Int, day: Int) {
        var year = max(1, day / 366)
        while PartialDate.ordinal(year + 1, 1, 1) <= day { year += 1 }
        while year > 1 && PartialDate.ordinal(year, 1, 1) > day { year -= 1 }
        var rest = day - PartialDate.ordinal(year, 1, 1)
        var month = 1
        while month < 12 && rest >= PartialDate.daysIn(month: month, year: year) {
            rest -= PartialDate.daysIn(month: month, year: year)
            month += 1
        }
        return (year, month, rest + 1)
    }
}
