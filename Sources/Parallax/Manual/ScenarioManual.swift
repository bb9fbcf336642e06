/// `parallax-scenario(5)`: the scenario file format, generated from the keys the loader
/// accepts and the vocabularies it checks values against (phases, roles, statuses,
/// measures, event types with their CAMEO codes), so the page cannot list a key the loader
/// refuses or miss one it reads.
public enum ScenarioManual {
    /// Every mapping the loader reads with its keys, required ones first.
    public static var keys: [(entity: String, required: [String], optional: [String])] {
        typealias Keys = ScenarioLoader.EntityKeys
        return [Keys.top, Keys.scenario, Keys.source, Keys.party, Keys.actor, Keys.place, Keys.event,
                Keys.question, Keys.claim, Keys.figure].map {
            ($0.entity, Array($0.names.prefix($0.requiredCount)), Array($0.names.dropFirst($0.requiredCount)))
        }
    }

    /// The page's example: a whole scenario, which a test loads, so it stays valid.
    public static let example = """
        parallax: 1
        scenario:
          id: border-2021
          title: A border clash
        sources:
          - {id: wire, publisher: A news agency, title: Clashes on the border, date: 2021-11-16}
        parties:
          - {id: ARM, name: Armenia, role: belligerent}
          - {id: AZE, name: Azerbaijan, role: belligerent}
        actors:
          - {id: arm-mod, name: Armenian Defense Ministry, party: ARM, kind: ministry}
        events:
          - id: clash
            date: 2021-11-16
            phase: escalation
            type: fight
            actors: [AZE, ARM]
            title: Fighting on the border
            sources: [wire]
        questions:
          - {id: who-started, text: Who started the fighting?, about: clash}
        claims:
          - id: arm-mod-blames-aze
            by: arm-mod
            about: clash
            says: Azerbaijani forces opened fire first.
            status: official
            answers: {who-started: AZE}
            figures:
              - {party: ARM, killed: 1, captured: 12}
            sources: [wire]
        """

    public static var page: ManualPage {
        var page = ManualPage(name: "parallax-scenario", section: "5", manual: "Parallax Manual")
        page.section("Name")
        page.paragraph(marked: "parallax\\-scenario \\- the Parallax scenario file format (YAML or JSON)")
        page.section("Description")
        page.paragraph("A scenario is one YAML file (JSON is accepted too) describing a crisis as an event model: "
                       + "the sources it is drawn from, the parties whose narratives are compared, their actors, "
                       + "places, the events in order, the contested questions, and every claim each party made.")
        page.paragraph("Every id is declared once in the whole file and every id used must be declared. "
                       + "Unknown keys are errors, with the nearest known key suggested, so a typo never drops a fact. "
                       + "Scalars are read as written: no stays the word no. YAML aliases are refused. "
                       + "Each problem is reported as FILE:LINE:COL: error: message, with the line and a caret; "
                       + "a file with any error is not loaded at all. 'parallax check FILE' lists them all.")

        page.section("Keys")
        for entry in keys {
            var body: [String] = []
            body.append("Required: " + (entry.required.isEmpty ? "none" : entry.required.joined(separator: ", ")) + ".")
            if !entry.optional.isEmpty { body.append("Optional: " + entry.optional.joined(separator: ", ") + ".") }
            page.item(ManualPage.bold(entry.entity), body)
        }

        page.section("Values")
        page.item(ManualPage.bold("dates"), ["2021, 2021-11 or 2021-11-16 (as precise as the sources are), "
                                             + "or a range 2020-09-27..2020-11-10."])
        page.item(ManualPage.bold("role"), [PartyRole.allCases.map(\.rawValue).joined(separator: ", ")])
        page.item(ManualPage.bold("phase"), [Phase.allCases.map(\.rawValue).joined(separator: ", ")])
        page.item(ManualPage.bold("status"), [ClaimStatus.allCases.map(\.rawValue).joined(separator: ", ")])
        page.item(ManualPage.bold("figures"), [
            "Each figure counts one party's losses (party) by measure: "
                + Measure.allCases.map(\.rawValue).joined(separator: ", ") + ". "
                + "A count is a number (see numbers), or the mappings {min: 1, max: 15} and {at_least: 15}. "
                + "casualties counts killed and wounded together and is never compared with either. "
                + "A claim gives at most one figure per party and measure."])
        page.item(ManualPage.bold("numbers"), ["15; a range 15..20 or 15-20; at least '>=15' (quoted: YAML cannot start "
                                               + "a plain value with >), 15+ or at least 15. Each is an interval, printed "
                                               + "15, 15..20 or >=15 however it was written."])
        page.item(ManualPage.bold("kind"), [QuestionKind.allCases.map(\.rawValue).joined(separator: ", ")
                                            + ": what answers a question takes; inferred from its answers when absent. "
                                            + "A number question with measure and party (a party id or all) is answered "
                                            + "by the figures claimed for that party and measure."])
        page.item(ManualPage.bold("answers"), ["A mapping of question ids to the claim's position on each: a party id or "
                                               + "a list of them, yes or no, a number, short text, or withheld (the speaker "
                                               + "declined to give one)."])
        page.item(ManualPage.bold("initiator"), ["disputed, on a directed event whose initiator is contested: no actor is "
                                                 + "taken as the one who acts."])
        page.paragraph("'parallax check FILE' also prints warnings (FILE:LINE:COL: warning: ...) for what is legal but "
                       + "probably not meant: a source, actor or place nothing refers to, a text answer that reads as an "
                       + "approximate number, a question no claim answers, an actor's changed answer without revises. "
                       + "With --strict they make it exit 1.")

        page.subsection("Event types")
        page.paragraph("Each type maps to its CAMEO code and a default intensity on the Goldstein scale "
                       + "(-10 most hostile, +10 most cooperative), which an event's intensity key overrides.")
        for type in EventType.allCases {
            var notes = "CAMEO \(type.cameo), intensity \(intensityText(type.defaultIntensity))"
            if type.isDirected { notes += "; directed: the first actor acts on the others" }
            if type.isContact { notes += "; a contact (shown by 'contacts')" }
            page.item(ManualPage.bold(type.rawValue), [notes + "."])
        }

        page.section("Example")
        page.example(example.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))

        page.section("See also")
        page.paragraph(marked: ManualPage.bold("parallax") + "(1), " + ManualPage.bold("parallax-commands") + "(7)")
        return page
    }

    private static func intensityText(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
