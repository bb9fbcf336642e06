/// `parallax-commands(7)`: the command language, generated from the command table (the
/// declarations `help` prints), the settings `set` knows and the fields `where` filters
/// on, so the page lists exactly what the program accepts.
public enum CommandsManual {
    public static var page: ManualPage {
        var page = ManualPage(name: "parallax-commands", section: "7", manual: "Parallax Manual")
        page.section("Name")
        page.paragraph(marked: "parallax\\-commands \\- the command language of the Parallax REPL and scripts")
        page.section("Description")
        page.paragraph("The REPL, 'parallax -c' and 'parallax run SCRIPT' all read this one language: "
                       + "one command per line, or several separated by ';'.")
        page.paragraph("A '#' followed by a digit is an event by its position (#3); any other '#' starts a comment. "
                       + "Words are bare (step, ARM, arm-mod) or quoted with \"double\" or 'single' quotes, "
                       + "with \\\", \\' and \\\\ as escapes. Dates are written 2021, 2021-11 or 2021-11-16.")
        page.paragraph("A command matches by a unique prefix of its name (nar for narrative); an ambiguous prefix "
                       + "lists the candidates, and an unknown word suggests the nearest command. "
                       + "The fixed aliases \(fixedAliasText) never change meaning when commands are added. "
                       + "In the REPL an empty line repeats the last movement (as in gdb); in a script it does nothing.")
        page.paragraph("Errors point at their place: the line, a caret under the bad word, and the message; "
                       + "in a script as SCRIPT:LINE:COL: error: message.")

        page.section("Commands")
        for group in CommandGroup.allCases {
            let specs = CommandTable.all.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            page.subsection(group.rawValue)
            for spec in specs {
                var body = [spec.summary, spec.detail]
                let aliases = aliases(of: spec)
                if !aliases.isEmpty { body.append("Aliases: " + aliases.joined(separator: ", ") + ".") }
                body.append("Example: " + spec.example)
                page.item(ManualPage.usage(spec.usage), body)
            }
        }

        page.section("Settings")
        page.paragraph("'set KEY VALUE' changes a setting for the session; 'set' alone lists them. "
                       + "The keys \(ConfigFile.keys.joined(separator: ", ")) may also be given defaults in the "
                       + "config file (see parallax(1), FILES).")
        for setting in Settings.keys {
            page.item(ManualPage.bold("set " + setting.key) + " " + ManualPage.italic(setting.values.joined(separator: "|")), [])
        }

        page.section("Filters")
        page.paragraph("Commands that take 'where FILTER' keep the entities for which FILTER holds. "
                       + "FILTER is TERM, combined with and, or, not and parentheses; a TERM is "
                       + "FIELD OP VALUE with OP one of = != < <= > >= ~ (~ contains, ignoring case), "
                       + "or FIELD in (VALUE, VALUE, ...). Dates compare at their precision: "
                       + "date = 2021-11 holds for any day of that month, and an event with a range date "
                       + "for every day it lasted. A claim's value is every number it states, in its "
                       + "figures or its answers to number questions.")
        field(list: FilterSchemas.event.entity, FilterSchemas.event.fields, into: &page)
        field(list: FilterSchemas.claim.entity, FilterSchemas.claim.fields, into: &page)
        field(list: FilterSchemas.actor.entity, FilterSchemas.actor.fields, into: &page)

        page.section("Exit status")
        page.paragraph("In batch (-c, run, piped input): 0 when every command succeeded; 1 when a command, "
                       + "an expectation or a file failed, or a transcript differs; 2 when the command line was wrong.")
        page.section("See also")
        page.paragraph(marked: ManualPage.bold("parallax") + "(1), " + ManualPage.bold("parallax-scenario") + "(5)")
        return page
    }

    /// Every alias of a command: the fixed one-letter ones and the declared synonyms.
    static func aliases(of spec: CommandSpec) -> [String] {
        (CommandTable.fixedAliases.filter { $0.value == spec.name }.map(\.key) + spec.aliases).sorted()
    }

    static var fixedAliasText: String {
        CommandTable.fixedAliases.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
    }

    private static func field(list entity: String, _ fields: [(name: String, type: FieldType)], into page: inout ManualPage) {
        page.subsection(entity.prefix(1).uppercased() + entity.dropFirst() + " fields")
        for field in fields { page.item(ManualPage.bold(field.name), [describe(field.type)]) }
    }

    private static func describe(_ type: FieldType) -> String {
        switch type {
        case .choice(let values): "One of: " + values.joined(separator: ", ") + "."
        case .text: "Text; = compares ignoring case, ~ finds a part."
        case .id: "An id."
        case .number: "A number."
        case .date: "A date, compared at its precision."
        }
    }
}
