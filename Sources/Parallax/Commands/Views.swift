/// Blocks shared by several commands, so an event or a claim looks the same everywhere.
enum Views {
    /// `7/15  2021-11-16  escalation  fight (-10)`, then the title and details.
    static func event(_ e: Event, position: Int, in scenario: Scenario) -> [Block] {
        var head = "\(position)/\(scenario.events.count)  \(e.date)"
        if let t = e.time { head += " \(t)" }
        head += "  \(e.phase.rawValue)  \(e.type.rawValue) (\(TextRenderer.number(e.intensity)))"
        var fields = [Field("id", e.id)]
        if !e.actors.isEmpty { fields.append(Field("actors", actors(e, in: scenario))) }
        if let p = e.place { fields.append(Field("place", scenario.name(of: p))) }
        if !e.reportedBy.isEmpty {
            fields.append(Field("reported_by", e.reportedBy.map { scenario.name(of: $0) }.joined(separator: ", "), label: "reported by"))
        }
        if let d = e.description { fields.append(Field("description", d)) }
        fields.append(Field("sources", e.sources.joined(separator: ", ")))
        return [.title(head + "  " + e.title), .fields(fields)]
    }

    /// "Sergei Shoigu → Armenian Defense Ministry, Azerbaijani military" for directed types;
    /// "India ↔ China (initiator disputed)" when who acted first is contested.
    static func actors(_ e: Event, in scenario: Scenario) -> String {
        let names = e.actors.map { scenario.name(of: $0) }
        if e.initiatorDisputed { return disputed(names) }
        if e.type.isDirected, names.count > 1 {
            return names[0] + " → " + names.dropFirst().joined(separator: ", ")
        }
        return names.joined(separator: ", ")
    }

    /// "India ↔ China (initiator disputed)": no actor is taken as the one who acts.
    static func disputed(_ names: [String]) -> String {
        names.joined(separator: " ↔ ") + " (initiator disputed)"
    }

    /// Who said it: "Armenian Defense Ministry (ARM)", plus "via …" when relayed.
    /// A verdict's flags as JSON objects, as `compare` rows carry them:
    /// `{"flag": "withheld by", "party": "CHN"}`.
    static func flags(_ j: Judgement) -> CellValue {
        .list(j.flags.map { .object(["flag": .string($0.kind.rawValue), "party": .id($0.party)]) })
    }

    static func speaker(_ c: Claim, in scenario: Scenario) -> String {
        var s = scenario.name(of: c.by)
        if let p = c.party, p != c.by { s += " (\(p))" }
        if let r = c.relayedBy { s += ", per \(scenario.name(of: r))" }
        return s
    }

    static func claimTable(_ claims: [Claim], in scenario: Scenario, name: String? = nil) -> Table {
        Table(name: name, id: name.map { _ in "revealed" },
              columns: [.init("id"), .init("by"), .init("status"), .init("says")],
              rows: claims.map { c in
                  var says = c.says
                  if let q = c.quote { says += " “\(q)”" }
                  return Table.Row([c.id, speaker(c, in: scenario), c.status.rawValue, says],
                                   ids: RowIDs(claim: c.id, event: c.about, party: c.party, sources: c.sources))
              })
    }

    /// The event at a position and the claims that become known there.
    static func stepBlocks(at position: Int, in session: Session) -> [Block] {
        let scenario = session.scenario
        var blocks = event(scenario.events[position - 1], position: position, in: scenario)
        let revealed = session.claimsRevealed(at: position)
        if !revealed.isEmpty {
            blocks.append(.table(claimTable(revealed, in: scenario,
                                            name: "Revealed: \(revealed.count) claim\(revealed.count == 1 ? "" : "s")")))
        }
        return blocks
    }

    /// "SUD killed 12, wounded 30 (note); all sides captured 4".
    static func figures(_ figures: [Figure]) -> String {
        let out = ByteBuffer(capacity: 64)
        write(figures, into: out)
        return out.string()
    }

    /// `figures`, appended to a buffer: a narrative writes thousands of them.
    static func write(_ figures: [Figure], into out: ByteBuffer) {
        for (k, f) in figures.enumerated() {
            if k > 0 { out.append("; ") }
            out.append(f.party ?? "all sides")
            out.append(32)
            for (m, v) in f.values.enumerated() {
                if m > 0 { out.append(", ") }
                out.append(v.measure.rawValue)
                out.append(32)
                out.append(v.value.description)
            }
            if let note = f.note {
                out.append(" (")
                out.append(note)
                out.append(")")
            }
        }
    }
}
