/// The intensity of each event over the sequence, for the escalation chart.
public enum EscalationSeries {
    public static func chart(_ s: Session) -> Chart {
        var bars: [Chart.Bar] = []
        var phase: Phase?
        for (i, e) in s.scenario.events.enumerated() {
            let group: String? = e.phase != phase ? e.phase.rawValue : nil
            phase = e.phase
            bars.append(Chart.Bar(label: "#\(i + 1) \(e.date) \(e.title)", value: e.intensity, marked: i + 1 == s.cursor, group: group))
        }
        return Chart(bars: bars, scale: 10)
    }
}
