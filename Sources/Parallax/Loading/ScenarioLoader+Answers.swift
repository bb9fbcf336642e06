/// Answers typed by their question's kind, questions tied to a (party, measure), and the
/// warnings of the event model: done once every claim is resolved, because a question's
/// kind may be inferred from all the answers to it.
extension ScenarioLoader {
    /// An answer as written, before its question's kind is known.
    enum Reading {
        case withheld, yes, no
        case parties([String])
        case number(FigureValue)
        /// Anything else written as one scalar.
        case text(String)
        /// A list that is not all party ids: `bad` is the first that is not.
        case list([String], bad: String)

        /// Bits of what the answers to a question look like, for inferring its kind.
        var shape: UInt8 {
            switch self {
            case .withheld: 0
            case .yes, .no: 1
            case .parties: 2
            case .number: 4
            case .text, .list: 8
            }
        }
    }

    func read(_ node: YAMLNode, partyIds: Set<String>, in scenario: Scenario) -> Reading {
        // An id declared twice, or dropped for errors of its own (a party, surely), reads as a
        // party: no second message.
        func isParty(_ s: String) -> Bool { partyIds.contains(s) || reportedWhereDeclared(s, in: scenario) }
        if case .sequence(let items) = node.kind {
            let ids = items.compactMap(\.scalar)
            if let bad = ids.first(where: { !isParty($0) }) { return .list(ids, bad: bad) }
            return .parties(ids)
        }
        let s = node.scalar ?? ""
        // Only a word of these lengths can be one of the three.
        if s.utf8.count == 2 || s.utf8.count == 3 || s.utf8.count == 8 {
            switch s.lowercased() {
            case "withheld": return .withheld
            case "yes": return .yes
            case "no": return .no
            default: break
            }
        }
        if let v = FigureValue(reading: s) { return .number(v) }
        if isParty(s) { return .parties([s]) }
        return .text(s)
    }

    /// Each claim's answers and figure keys as written, read in place from the raw claims
    /// (copying a raw claim to read one field retains and releases every string it holds).
    struct WrittenParts {
        var answers: [[(key: YAMLNode, question: String, value: YAMLNode)]]
        var figureKeys: [[[YAMLNode]]]

        init(_ raw: [RawClaim]) {
            answers = raw.map { $0.answers.map { (key: $0.0, question: $0.1, value: $0.2) } }
            figureKeys = raw.map(\.figureKeys)
        }

        func answerNode(_ i: Int, _ question: String) -> YAMLNode? {
            answers[i].first { $0.question == question }?.value
        }
    }

    /// Infers each question's kind, types every answer by it (an answer that does not fit
    /// a declared kind is an error showing the form to write), and makes an answer to a
    /// tied question and the claim's figure for its (party, measure) one fact.
    mutating func typeAnswers(_ claims: inout [Claim], _ written: WrittenParts, _ scenario: inout Scenario) {
        let partyIds = Set(scenario.parties.map(\.id))
        var questions = scenario.questions
        // Each answer's question and reading, and which of the claim's written answers it is.
        var readings: [[(question: Int, reading: Reading, at: Int)]] = Array(repeating: [], count: claims.count)
        var shapes = [UInt8](repeating: 0, count: questions.count)
        for i in claims.indices where !written.answers[i].isEmpty {
            for (at, (key, q, value)) in written.answers[i].enumerated() {
                guard case .question(let qi)? = scenario.entity(q) else {
                    if reportedWhereDeclared(q, in: scenario) {
                        // Declared twice, or dropped for errors of its own: reported there.
                    } else if let other = kind(of: q, in: scenario) {
                        error(key, "'\(q)' is \(other.named), not a question; 'answers' maps question ids to answers")
                    } else {
                        error(key, "unknown question '\(q.sanitizedForTerminal)' in answers\(Suggestions.hint(for: q, in: questions.map(\.id)))")
                    }
                    continue
                }
                let r = read(value, partyIds: partyIds, in: scenario)
                readings[i].append((qi, r, at))
                shapes[qi] |= r.shape
                uses.questions[qi] = true
            }
        }
        for qi in questions.indices where !questions[qi].kindDeclared {
            questions[qi].kind = switch shapes[qi] {
            case _ where questions[qi].tie != nil: .number
            case 1: .yesNo
            case 2: .party
            case 4: .number
            default: .text
            }
        }
        for i in claims.indices where !readings[i].isEmpty {
            for (qi, r, at) in readings[i] {
                if let a = answer(r, to: questions[qi], at: written.answers[i][at].value, partyIds: partyIds) {
                    claims[i].answers.append((questions[qi].id, a))
                }
            }
        }
        scenario.setQuestions(questions)
        tie(&claims, written, in: scenario)
    }

    /// One reading as an answer of the question's kind, or an error at the answer.
    mutating func answer(_ r: Reading, to q: Question, at node: YAMLNode, partyIds: Set<String>) -> Answer? {
        // Message parts, made only for a message.
        var declared: String { q.kindDeclared ? " (the question's kind is \(q.kind.rawValue))" : "" }
        var written: String { node.scalar.map { "'\($0.sanitizedForTerminal)'" } ?? "a list" }
        func wrong(_ got: String) -> Answer? {
            error(node, "the answer to '\(q.id)' must be \(q.kind.form)\(declared); got \(got)")
            return nil
        }
        if case .list(_, let bad) = r, q.kind != .party && q.kind != .text {
            error(node, "the answer to '\(q.id)' must be \(q.kind.form)\(declared); got a list ('\(bad.sanitizedForTerminal)' …)")
            return nil
        }
        if case .list(_, let bad) = r {
            error(node, "a list answer names party ids; '\(bad.sanitizedForTerminal)' is not a party")
            return nil
        }
        if case .withheld = r { return .withheld }
        switch q.kind {
        case .yesNo:
            if case .yes = r { return .yes }
            if case .no = r { return .no }
            return wrong(written)
        case .party:
            if case .parties(let ids) = r { return .party(ids) }
            error(node, "the answer to '\(q.id)' must be \(q.kind.form)\(declared); got \(written)"
                  + Suggestions.hint(for: node.scalar ?? "", in: partyIds.sorted()))
            return nil
        case .number:
            if case .number(let v) = r { return .number(v) }
            if let s = node.scalar, FigureValue.isReversedRange(s) {
                error(node, ScenarioLoader.numberProblem(s, what: "the answer to '\(q.id)'"))
                return nil
            }
            return wrong(written)
        case .text:
            if case .parties(let ids) = r, node.scalar == nil { return .text("[" + ids.joined(separator: ", ") + "]") }
            // Text answers are compared ignoring surrounding spaces (event-model spec), so
            // they are kept without them: every view shows `Border Clash`, never `  Border Clash  `.
            let text = ScenarioLoader.trimmed(node.scalar ?? "")
            if text.isEmpty {
                error(node, "the answer to '\(q.id)' is empty; give short text, or withheld when the side declined to say")
                return nil
            }
            if ScenarioLoader.readsAsApproximateNumber(text) {
                warning(node, "the text answer '\(text.sanitizedForTerminal)' to '\(q.id)' reads as an approximate number; "
                        + "a number is compared as an interval: write 20, a range such as 15..25, or '>=20'")
            }
            return .text(text)
        }
    }

    /// For each question tied to a (party, measure): a claim's answer and its figure for that
    /// pair are one fact. Either given alone stands for both; both given must be equal.
    mutating func tie(_ claims: inout [Claim], _ written: WrittenParts, in scenario: Scenario) {
        // In the questions' order, so a claim's answers come out the same on every load.
        let ties = scenario.questions.indices.compactMap { qi in
            scenario.questions[qi].tie.map { (tie: $0, q: scenario.questions[qi].id, qi: qi) }
        }
        guard !ties.isEmpty else { return }
        for i in claims.indices where !claims[i].answers.isEmpty || !claims[i].figures.isEmpty {
            for (tie, q, qi) in ties {
                let figure = claims[i].figures.firstIndex { $0.party == tie.losses && $0.value(of: tie.measure) != nil }
                let given = claims[i].answer(to: q)
                switch (given, figure) {
                case (nil, let f?):
                    claims[i].answers.append((q, .number(claims[i].figures[f].value(of: tie.measure)!)))
                    uses.questions[qi] = true
                case (.number(let v)?, nil):
                    if let f = claims[i].figures.firstIndex(where: { $0.party == tie.losses }) {
                        claims[i].figures[f].values.append((tie.measure, v))
                        claims[i].figures[f].values.sort { $0.measure < $1.measure }
                    } else {
                        claims[i].figures.append(Figure(party: tie.losses, values: [(tie.measure, v)], note: nil,
                                                        location: claims[i].location))
                    }
                case (let a?, let f?):
                    let v = claims[i].figures[f].value(of: tie.measure)!
                    if a != .number(v), let node = written.answerNode(i, q) {
                        error(node, "the answer to '\(q)' (\(a)) and this claim's figure for \(tie.losses ?? "all sides") "
                              + "\(tie.measure.rawValue) (\(v)) are one fact and must be equal; give either, or both the same")
                    }
                default:
                    break
                }
            }
        }
    }

    /// Text without the whitespace (spaces, tabs, line breaks) around it.
    static func trimmed(_ s: String) -> String {
        guard let first = s.first, let last = s.last, first.isWhitespace || last.isWhitespace else { return s }
        return String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// `about 20`, `~20`, `some 40`, `dozens`: text that an analyst meant as a number.
    static func readsAsApproximateNumber(_ text: String) -> Bool {
        // Most text answers are plain words: ASCII with no digit and none of the counting
        // words can be nothing else (a text answer took 7,000 instructions before this test).
        if !mayReadAsNumber(text) { return false }
        let t = text.trimmed.lowercased()
        for word in ["dozens", "dozen", "hundreds", "thousands", "scores"] where t.split(separator: " ").contains(Substring(word)) {
            return true
        }
        let hedges = ["about ", "around ", "approximately ", "approx. ", "approx ", "roughly ", "some ", "nearly ",
                      "almost ", "over ", "more than ", "fewer than ", "less than ", "up to ", "under ", "c. ", "ca. ",
                      "circa ", "~", "≈"]
        for h in hedges where t.hasPrefix(h) {
            let rest = t.dropFirst(h.count).trimmingSpaces
            if let d = rest.first, d.isNumber { return true }
        }
        if let d = t.first, d.isNumber, t.hasSuffix(" or so") || t.hasSuffix("-odd") || t.hasSuffix(" odd") { return true }
        return false
    }

    /// False only for ASCII text with no digit that holds none of the counting words, in
    /// any case: text that `readsAsApproximateNumber` surely rejects.
    static func mayReadAsNumber(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // The last bytes seen, lowercased, to find "dozen", "hundreds", "thousands", "scores".
            var window: UInt64 = 0
            for b in bytes {
                if b >= 0x80 || (b >= 0x30 && b <= 0x39) { return true }
                let l = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                window = window << 8 | UInt64(l)
                let last5 = window & 0xFF_FFFF_FFFF
                let ends = countingWordEnds
                if last5 == ends.dozen || last5 == ends.dreds || last5 == ends.sands || last5 == ends.cores { return true }
            }
            return false
        }
    }

    /// The last five bytes of the counting words ("dozen", "hundreds", "thousands", "scores"),
    /// as `mayReadAsNumber` shifts bytes into a word.
    private static let countingWordEnds = (dozen: five("dozen"), dreds: five("dreds"), sands: five("sands"), cores: five("cores"))

    private static func five(_ s: StaticString) -> UInt64 {
        var v: UInt64 = 0
        s.withUTF8Buffer { for b in $0 { v = v << 8 | UInt64(b) } }
        return v
    }

    // MARK: - Warnings

    /// Which sources, actors and places something refers to, and which questions a claim
    /// answers: marked by index as each reference resolves and each answer is read, so the
    /// warnings about the rest need no table of ids of their own.
    struct Uses {
        var sources: [Bool] = [], actors: [Bool] = [], places: [Bool] = [], questions: [Bool] = []

        init() {}

        init(_ scenario: Scenario) {
            sources = Array(repeating: false, count: scenario.sources.count)
            actors = Array(repeating: false, count: scenario.actors.count)
            places = Array(repeating: false, count: scenario.places.count)
            questions = Array(repeating: false, count: scenario.questions.count)
        }

        /// `entity` is named by an event or a claim.
        mutating func mark(_ entity: EntityRef) {
            switch entity {
            case .source(let i): sources[i] = true
            case .actor(let i): actors[i] = true
            case .place(let i): places[i] = true
            default: break
            }
        }
    }

    /// What the event model's warnings point at: a source, actor or place nothing refers
    /// to; a question no claim answers; an actor's changed answer or figure without
    /// `revises` (`changedWithoutRevises`). Text answers that read as numbers are found
    /// while typing them.
    /// The first two, from what `uses` marked.
    mutating func findUnused(_ scenario: Scenario) {
        func unused(_ what: String, _ id: String, _ location: SourceLocation) {
            warnings.append(.written(Diagnostic(location, "\(what) '\(id)' is not referred to by any event or claim",
                                                length: id.count, severity: .warning)))
        }
        for (i, s) in scenario.sources.enumerated() where !uses.sources[i] { unused("source", s.id, s.location) }
        for (i, a) in scenario.actors.enumerated() where !uses.actors[i] { unused("actor", a.id, a.location) }
        for (i, p) in scenario.places.enumerated() where !uses.places[i] { unused("place", p.id, p.location) }
        for (i, q) in scenario.questions.enumerated() where !uses.questions[i] {
            warnings.append(.written(Diagnostic(q.location, "no claim answers question '\(q.id)'", length: q.id.count,
                                                severity: .warning)))
        }
    }

    /// An actor's later claim that gives a different answer or figure than its own earlier
    /// claim, without revising it (directly or through a chain): a growing count is a
    /// revision and should say so, or it shows as a split. Each claim is compared with the
    /// speaker's latest earlier one on the same part, so this stays linear.
    mutating func changedWithoutRevises(_ scenario: Scenario, _ written: WrittenParts) {
        let links = scenario.claimLinks
        // A written scenario's claims, as the array they are: a field read in place, not a claim copied out.
        let claims = scenario.claims.array
        // By the position where each becomes known, then file order: counted, not compared.
        var start = [Int](repeating: 0, count: scenario.events.count + 2)
        for c in claims.indices { start[claims[c].knownPosition + 1] += 1 }
        for p in start.indices.dropFirst() { start[p] += start[p - 1] }
        var order = [Int](repeating: 0, count: claims.count)
        for c in claims.indices {
            order[start[claims[c].knownPosition]] = c
            start[claims[c].knownPosition] += 1
        }
        struct Key: Hashable { let by: String; let part: ClaimPart }
        var last: [Key: (claim: Int, value: Answer)] = [:]
        func revises(_ later: Int, _ earlier: Int) -> Bool {
            links.entry[earlier] >= 0 && links.entry[earlier] < links.entry[later] && links.entry[later] <= links.exit[earlier]
        }
        // Where a part was written, looked up only for a warning.
        func location(_ i: Int, _ part: ClaimPart) -> SourceLocation {
            if case .answer(let q) = part, let node = written.answerNode(i, q) { return at(node) }
            if case .figure(let p, let m) = part {
                let keys = written.figureKeys[i]
                for (f, figure) in claims[i].figures.enumerated() where figure.party == p && f < keys.count {
                    if let k = figure.values.firstIndex(where: { $0.measure == m }), k < keys[f].count { return at(keys[f][k]) }
                }
                // A tied answer given only as an answer: at the answer.
                if let q = scenario.tiedQuestion[Question.Tie(losses: p, measure: m)], let node = written.answerNode(i, q) {
                    return at(node)
                }
            }
            return claims[i].location
        }
        let ties = !scenario.tiedQuestion.isEmpty
        last.reserveCapacity(claims.count)
        func note(_ i: Int, _ part: ClaimPart, _ value: Answer) {
            let key = Key(by: claims[i].by, part: part)
            if let (e, old) = last.updateValue((i, value), forKey: key), !old.isSame(as: value), !revises(i, e) {
                warnings.append(.changedWithoutRevises(at: location(i, part), claim: i, earlier: e, value: value, old: old))
            }
        }
        for i in order where claims[i].status != .retracted && claims[i].party != nil {
            for (q, a) in claims[i].answers where a != .withheld {
                note(i, scenario.canonical(.answer(question: q)), a)
            }
            for figure in claims[i].figures {
                for v in figure.values {
                    // A tied figure is the same part as its answer, noted above.
                    if ties, scenario.tiedQuestion[Question.Tie(losses: figure.party, measure: v.measure)] != nil { continue }
                    note(i, .figure(party: figure.party, measure: v.measure), .number(v.value))
                }
            }
        }
    }
}
