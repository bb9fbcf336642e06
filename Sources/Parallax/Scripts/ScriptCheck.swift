/// `parallax check SCRIPT.px` and the check `source` makes first: reads a script as `run`
/// would (parameters, `load`, `source`d files) without running a command, and reports
/// every line that does not parse, every bad argument and every id missing from the
/// scenario of the preceding `load`, each at `SCRIPT:LINE:COL`. Nothing that depends on
/// the session's state (`back` at the start, `delete 3`) is judged. A `load` whose pinned
/// file has changed is a warning, as `run` gives it (an error with `strict`).
public struct ScriptCheck {
    public var environment: Environment

    public init(environment: Environment) {
        self.environment = environment
    }

    /// Every problem of `script`, starting on `scenario` (the default, or `--scenario`):
    /// errors, and warnings (`severity`) in line order among them.
    /// How many of a script's problems `source` lists before it runs nothing (`parallax
    /// check SCRIPT` lists every one).
    public static let listedInSource = 20

    public func check(_ script: Script, on scenario: Scenario) -> [ScriptFailure] {
        var walk = Walk(environment: environment, scenario: scenario,
                        overridden: environment.scenarioOverride.map { $0.used } ?? true)
        walk.visit(script, enclosing: [], identities: [])
        return walk.problems
    }

    struct Walk {
        var environment: Environment
        var scenario: Scenario
        /// Whether the `--scenario` file has stood in for a `load` yet (or there is none).
        var overridden: Bool
        var problems: [ScriptFailure] = []

        mutating func visit(_ script: Script, enclosing: [SourceLocation], identities: [FileIdentity]) {
            let outer = environment.baseDirectory
            environment.baseDirectory = script.folder
            defer { environment.baseDirectory = outer }
            let identities = identities + (script.identity.map { [$0] } ?? [])
            for (index, line) in script.lines.enumerated() {
                for segment in Lexer.segments(line) {
                    let here = SourceLocation(file: script.path, line: index + 1, column: segment.column)
                    do throws(CommandError) {
                        try visit(segment, at: here, enclosing: enclosing, identities: identities)
                    } catch {
                        problems.append(ScriptFailure(error, segment: segment, line: line, at: here, enclosing: enclosing))
                    }
                }
            }
        }

        mutating func visit(_ segment: Lexer.Segment, at here: SourceLocation, enclosing: [SourceLocation],
                            identities: [FileIdentity]) throws(CommandError) {
            let command: Command
            switch CommandParser.parse(segment, parameters: environment.parameters) {
            case .failure(let e): throw e
            case .success(let c): command = c
            }
            if environment.safe && command.spec.touchesFiles {
                throw CommandError("'\(command.name)' is refused in safe mode: it writes files", at: command.word)
            }
            for (argument, parameter) in zip(command.arguments, command.arguments.map { a in
                command.spec.parameters.first { $0.name == a.parameter } }) {
                guard let parameter else { continue }
                try parameter.kind.check(argument, in: scenario, usage: command.spec.usage)
            }
            try command.spec.check?(command, scenario)
            switch command.name {
            case "load": try load(command, segment: segment, at: here, enclosing: enclosing)
            case "source": try source(command, at: here, enclosing: enclosing, identities: identities)
            default: break
            }
        }

        /// The scenario the lines after a `load` are checked against.
        mutating func load(_ command: Command, segment: Lexer.Segment, at here: SourceLocation,
                           enclosing: [SourceLocation]) throws(CommandError) {
            let line = segment.text
            guard let t = command.token("FILE") else { return }
            if !overridden {
                overridden = true  // `run --scenario`: already the scenario checked against
                return
            }
            let source = try ScenarioSource.named(t, in: environment)
            let bytes = try source.bytes(at: t, in: environment)
            if let message = SessionCommands.pinProblem(command, bytes) {
                if environment.strict { throw CommandError(message + " (--strict)", at: t) }
                var warning = ScriptFailure(CommandError(message, at: t), segment: segment, line: line, at: here,
                                            enclosing: enclosing)
                warning.severity = "warning"
                problems.append(warning)
            }
            do throws(LoadFailure) {
                scenario = try ScenarioFile.open(bytes: bytes, path: source.path, options: environment.importing).scenario
            } catch {
                var e = SessionCommands.failure(error)
                e.column = t.column
                e.length = t.length
                throw e
            }
        }

        mutating func source(_ command: Command, at here: SourceLocation, enclosing: [SourceLocation],
                             identities: [FileIdentity]) throws(CommandError) {
            guard let t = command.token("FILE") else { return }
            let path = try environment.readablePath(t, command: "source")
            let script: Script
            switch Script.read(path) {
            case .failure(let d): throw CommandError(Script.problem(reading: path, d), at: t)
            case .success(let s): script = s
            }
            if let id = script.identity, identities.contains(id) {
                throw CommandError("source cycle: \(path) is already being read", at: t)
            }
            guard enclosing.count + 1 < ScriptRunner.maxDepth else {
                throw CommandError("scripts nest too deep: source goes at most \(ScriptRunner.maxDepth) scripts deep", at: t)
            }
            visit(script, enclosing: [here] + enclosing, identities: identities)
        }
    }
}

extension ScriptFailure {
    /// A command's error placed in its script, the column already counted in the line.
    init(_ error: CommandError, segment: Lexer.Segment, line: String, at here: SourceLocation, enclosing: [SourceLocation]) {
        var column = error.column ?? segment.column
        var length = error.length
        if error.column == nil {
            let text = Array(segment.text)
            let lead = text.prefix { $0.isWhitespace }.count
            column = segment.column + lead
            length = text.dropFirst(lead).prefix { !$0.isWhitespace }.count
        }
        self.init(location: SourceLocation(file: here.file, line: here.line, column: column), message: error.message,
                  length: length, sourceLine: line, sourcedFrom: enclosing)
    }
}

extension ArgumentKind {
    /// What the scenario must hold for an argument of this kind: the ids it names.
    func check(_ argument: CommandArgument, in scenario: Scenario, usage: String) throws(CommandError) {
        let t = argument.token
        switch (self, argument.value) {
        case (.position, .index), (.entity, .index):
            _ = try NavigationCommands.position(of: t, in: scenario, usage: usage)
        case (.position, .word(let w)):
            if scenario.positionOfEvent[w] != nil || PartialDate(parsing: w) != nil || Phase(rawValue: w) != nil { return }
            _ = try NavigationCommands.position(of: t, in: scenario, usage: usage)
        case (.entity, .word(let w)):
            guard scenario.entity(w) == nil, InspectionCommands.caseInsensitive(w, in: scenario) == nil else { return }
            throw CommandError(InspectionCommands.unknownEntity(w, in: scenario), at: t)
        case (.event, .word(let w)):
            guard scenario.event(w) == nil else { return }
            let hint = Suggestions.nearest(to: w, in: scenario.events.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandError("no event '\(w)'\(hint)", at: t)
        case (.party, .word):
            _ = try NarrativeCommands.party(t, in: scenario)
        case (.watchable, .word(let w)):
            guard scenario.question(w) == nil, WatchCommands.question(argument.token, in: scenario) == nil,
                  Measure(rawValue: w.lowercased()) == nil else { return }
            let names = scenario.questions.map(\.id) + Measure.allCases.map(\.rawValue)
            let hint = Suggestions.nearest(to: w, in: names).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandError("no question or measure '\(w)'\(hint); usage: \(usage)", at: t)
        case (.question, .word(let w)):
            guard WatchCommands.question(t, in: scenario) == nil else { return }
            let hint = Suggestions.nearest(to: w, in: scenario.questions.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandError("unknown question '\(w)'\(hint)", at: t)
        case (_, .filter(let f)):
            // Every id a term names by = != or in (its field holds ids in every schema).
            for term in FilterTerm.terms(of: f) where term.op != .contains && FilterTerm.idFields.contains(term.field) {
                for (value, token) in zip(term.values, term.valueTokens) {
                    guard case .text(let w) = value, scenario.entity(w) == nil,
                          InspectionCommands.caseInsensitive(w, in: scenario) == nil else { continue }
                    throw CommandError("no id '\(w)' in the scenario\(Suggestions.hint(for: w, in: scenario.index.keys))", at: token)
                }
            }
        default:
            return
        }
    }
}

extension FilterTerm {
    /// The fields whose values are ids, read from the filter schemas (a field name means the
    /// same in each).
    static let idFields: Set<String> = Set((FilterSchemas.event.fields + FilterSchemas.claim.fields + FilterSchemas.actor.fields)
        .compactMap { field in if case .id = field.type { field.name } else { nil } })
}
