/// Writes a scenario as a YAML file of the event-model format (spec 1.1): what
/// `parallax import` leaves an analyst to add questions and party claims to. Every text is
/// double-quoted (so no value is ever read as anything but text), figures use the mapping
/// forms `{min: A, max: B}` and `{at_least: N}`, and event coverage (GDELT's counts, which
/// the format has no key for) is kept as a comment above its event.
public enum ScenarioWriter {
    public static func yaml(_ sc: Scenario) -> String {
        var out = "# Written by parallax import from \(sc.path.sanitizedForTerminal)\n"
        out += "parallax: \(ScenarioLoader.formatVersion)\n"
        out += "scenario:\n  id: \(q(sc.info.id))\n  title: \(q(sc.info.title))\n"
        if let s = sc.info.summary { out += "  summary: \(q(s))\n" }
        if let a = sc.info.asOf { out += "  as_of: \(a)\n" }
        out += "sources:\n"
        for s in sc.sources {
            out += "  - {id: \(q(s.id)), publisher: \(q(s.publisher)), title: \(q(s.title)), date: \(s.date)"
            if let u = s.url { out += ", url: \(q(u))" }
            out += "}\n"
        }
        out += "parties:\n"
        for p in sc.parties { out += "  - {id: \(q(p.id)), name: \(q(p.name)), role: \(p.role.rawValue)}\n" }
        if !sc.actors.isEmpty {
            out += "actors:\n"
            for a in sc.actors {
                out += "  - {id: \(q(a.id)), name: \(q(a.name)), party: \(q(a.party))"
                if let k = a.kind { out += ", kind: \(q(k))" }
                if let t = a.title { out += ", title: \(q(t))" }
                out += "}\n"
            }
        }
        if !sc.places.isEmpty {
            out += "places:\n"
            for p in sc.places {
                out += "  - {id: \(q(p.id)), name: \(q(p.name))"
                if let n = p.note { out += ", note: \(q(n))" }
                out += "}\n"
            }
        }
        out += "events:\n"
        for e in sc.events {
            if let c = e.coverage {
                out += "  # GDELT coverage: num_sources \(c.sources), num_mentions \(c.mentions), num_articles \(c.articles), avg_tone \(c.tone)\n"
            }
            out += "  - id: \(q(e.id))\n    date: \(e.date)\n"
            if let t = e.time { out += "    time: \"\(t)\"\n" }
            if let o = e.order { out += "    order: \(o)\n" }
            out += "    phase: \(e.phase.rawValue)\n    type: \(e.type.rawValue)\n"
            if !e.actors.isEmpty { out += "    actors: \(list(e.actors))\n" }
            if let p = e.place { out += "    place: \(q(p))\n" }
            if !e.reportedBy.isEmpty { out += "    reported_by: \(list(e.reportedBy))\n" }
            out += "    title: \(q(e.title))\n"
            if let d = e.description { out += "    description: \(q(d))\n" }
            if let i = e.intensityOverride { out += "    intensity: \(number(i))\n" }
            out += "    sources: \(list(e.sources))\n"
        }
        if !sc.claims.isEmpty { out += "claims:\n" }
        for c in sc.claims {
            out += "  - id: \(q(c.id))\n    by: \(q(c.by))\n    about: \(q(c.about))\n"
            if let m = c.madeOn { out += "    made_on: \(m)\n" }
            out += "    says: \(q(c.says))\n"
            if let quote = c.quote { out += "    quote: \(q(quote))\n" }
            out += "    status: \(c.status.rawValue)\n"
            if !c.figures.isEmpty {
                out += "    figures:\n"
                for f in c.figures {
                    var parts: [String] = []
                    if let p = f.party { parts.append("party: \(q(p))") }
                    for (measure, value) in f.values { parts.append("\(measure.rawValue): \(figure(value))") }
                    if let n = f.note { parts.append("note: \(q(n))") }
                    out += "      - {" + parts.joined(separator: ", ") + "}\n"
                }
            }
            if let r = c.relayedBy { out += "    relayed_by: \(q(r))\n" }
            out += "    sources: \(list(c.sources))\n"
        }
        return out
    }

    /// A figure value in the mapping form both number notations of the format read.
    static func figure(_ v: FigureValue) -> String {
        if let upper = v.upperBound {
            return upper == v.lowerBound ? String(upper) : "{min: \(v.lowerBound), max: \(upper)}"
        }
        return "{at_least: \(v.lowerBound)}"
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    static func list(_ ids: [String]) -> String { "[" + ids.map(q).joined(separator: ", ") + "]" }

    /// A YAML double-quoted scalar: `\` and `"` escaped, control characters as escapes.
    static func q(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0xFEFF || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// The part of an imported scenario whose events match a filter: those events, the claims
/// about them, and the sources, parties and actors they refer to — a valid scenario of its
/// own. (Imports have no questions, and their claims no links to other claims.)
public enum ScenarioSlice {
    /// Reads `FILTER`, the text after `where`, against the event fields.
    public static func filter(_ text: String) -> Result<Filter, CommandError> {
        switch Lexer.tokens("where " + text) {
        case .failure(let e): return .failure(e)
        case .success(let tokens):
            guard tokens.count > 1 else { return .failure(CommandError("'where' needs a condition", column: 1)) }
            do throws(CommandError) {
                return .success(try FilterTarget.event.parse(Array(tokens.dropFirst()), after: tokens[0]))
            } catch {
                // The column counted the "where " put in front; the message quotes `text`.
                var e = error
                if var range = e.range {
                    range.column = max(1, range.column - 6)
                    e.range = range
                }
                e.line = text
                return .failure(e)
            }
        }
    }

    public static func slice(_ sc: Scenario, where filter: Filter?) -> Scenario {
        guard let filter else { return sc }
        let test = filter.compiled(for: sc)
        let positions = sc.events.indices.filter(test)
        let events = positions.map { sc.events[$0] }
        // By the claims' resolved positions: only the kept claims are made (an import's
        // million are not).
        var keptPosition = [Bool](repeating: false, count: sc.events.count + 1)
        for p in positions { keptPosition[p + 1] = true }
        let about = sc.claimLinks.about
        let claims = sc.claims.indices.filter { keptPosition[about[$0]] }.map { sc.claims[$0] }
        var used = Set<String>()
        for e in events { used.formUnion(e.actors); used.formUnion(e.sources); used.formUnion(e.reportedBy) }
        for c in claims {
            used.insert(c.by)
            used.formUnion(c.sources)
            if let r = c.relayedBy { used.insert(r) }
            for f in c.figures { if let p = f.party { used.insert(p) } }
        }
        let actors = sc.actors.filter { used.contains($0.id) }
        for a in actors { used.insert(a.party) }
        let placeIds = Set(events.compactMap(\.place))
        var info = sc.info
        info.summary = "\(events.count) of \(sc.events.count) events, where \(filter.text)."
            + (sc.info.summary.map { " From " + $0 } ?? "")
        var slice = Scenario(formatVersion: sc.formatVersion, info: info, sources: sc.sources.indices.filter { used.contains(sc.sources.id($0)) }.map { sc.sources[$0] },
                             parties: sc.parties.filter { used.contains($0.id) }, actors: actors,
                             places: sc.places.filter { placeIds.contains($0.id) }, events: events,
                             questions: [], claims: [], path: sc.path)
        var positioned = claims
        ImportBuilder.settle(&positioned, in: slice)
        slice.indexClaims(positioned.map(\.id))
        slice.setClaims(positioned)
        return slice
    }
}
