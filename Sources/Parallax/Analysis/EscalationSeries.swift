/// The intensity of each event over the sequence, for the escalation chart.
public enum EscalationSeries {
    public static func chart(_ s: Session) -> Chart {
        var bars: [Chart.Bar] = []
        bars.reserveCapacity(s.scenario.events.count)
        var phase: Phase?
        // Events read in place: copying each would cost more than its bar.
        s.scenario.events.withUnsafeBufferPointer { events in
            for i in events.indices {
                let group: String? = events[i].phase != phase ? events[i].phase.rawValue : nil
                phase = events[i].phase
                let label = "#" + String(i + 1) + " " + events[i].date.description + " " + events[i].title
                bars.append(Chart.Bar(label: label, value: events[i].intensity, marked: i + 1 == s.cursor, group: group,
                                      event: events[i].id, date: events[i].date.description, firstDay: events[i].date.firstDay, lastDay: events[i].date.lastDay))
            }
        }
        return Chart(bars: bars, scale: 10)
    }
}
