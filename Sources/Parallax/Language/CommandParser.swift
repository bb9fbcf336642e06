/// Reads a command's tokens into a `Command` by its declaration: the parameters in order,
/// an optional one only when the next token can be it, flags (`all`) wherever they stand,
/// and nothing left over. Pure syntax: the scenario is not consulted (see `ScriptCheck`).
public enum CommandParser {
    /// The command of one segment of a line; `parameters` fills `${NAME}`.
    public static func parse(_ segment: Lexer.Segment, parameters: ScriptParameters = ScriptParameters())
        -> Result<Command, CommandError> {
        var tokens: [Token]
        switch Lexer.tokens(segment.text, base: segment.column) {
        case .failure(let e): return .failure(e)
        case .success(let t): tokens = t
        }
        guard !tokens.isEmpty else { return .failure(CommandError("empty command", column: segment.column)) }
        do throws(CommandError) {
            tokens = try parameters.substitute(tokens, in: segment)
        } catch {
            return .failure(error)
        }
        let first = tokens.removeFirst()
        guard first.kind == .word else {
            return .failure(CommandError("a command starts with a word such as 'step'; type 'help' for the list", at: first))
        }
        let spec: CommandSpec
        switch CommandTable.resolve(first) {
        case .failure(let e): return .failure(e)
        case .success(let s): spec = s
        }
        var rest = ("", first.column + first.length)
        if spec.takesRestOfLine {
            rest = Self.rest(of: segment, after: first)
            if !rest.0.isEmpty {
                do throws(CommandError) {
                    // Written as one quoted string, the text means what is inside (`echo`,
                    // `expect`): a value goes in escaped for that string, so it stays one.
                    let quoted = Expectation.unquoted(rest.0) != rest.0
                    rest.0 = try parameters.substitute(text: rest.0, column: rest.1, inQuotedLine: quoted)
                } catch {
                    return .failure(error)
                }
            }
        }
        do throws(CommandError) {
            return .success(try parse(spec, word: first, tokens: spec.takesRestOfLine ? [] : tokens, rest: rest.0, restColumn: rest.1))
        } catch {
            return .failure(error)
        }
    }

    /// Reads the arguments of `spec` from `tokens` (or the rest of the line, for a command
    /// that takes it).
    public static func parse(_ spec: CommandSpec, word: Token, tokens: [Token], rest: String = "",
                             restColumn: Int = 0) throws(CommandError) -> Command {
        let endColumn = word.column + word.length + 1
        var args = Arguments(tokens: tokens, command: spec.name, rest: rest, endColumn: endColumn)
        args.restColumn = restColumn
        let tail = tokens.last.map { $0.column + $0.length + 1 } ?? endColumn
        var command = Command(spec: spec, word: word, arguments: [], flags: [], endColumn: endColumn, tailColumn: tail)
        var skipping = false
        for (i, p) in spec.parameters.enumerated() {
            takeFlags(&args, &command)
            if p.kind == .text {
                let t = Token(kind: .string, text: rest, column: restColumn, length: max(1, rest.count))
                command.arguments.append(CommandArgument(parameter: p.name, value: .text(rest), token: t))
                continue
            }
            let later = Array(spec.parameters[(i + 1)...])
            switch p.arity {
            case .one:
                if skipping && args.isAtEnd { continue }
                command.arguments.append(try read(p, &args, command: command))
            case .optional:
                if accepts(p, args, later: later, flags: spec.flags) {
                    command.arguments.append(try read(p, &args, command: command))
                    skipping = false
                } else {
                    skipping = true
                }
            case .many(_, let max):
                var n = 0
                while let t = args.peek, accepts(p, args, later: later, flags: spec.flags) {
                    if let max, n == max {
                        let things = p.kind == .party ? "parties" : "arguments"
                        throw CommandError("\(spec.name) takes \(max) \(things); usage: \(spec.usage)", at: t)
                    }
                    command.arguments.append(try read(p, &args, command: command))
                    n += 1
                    // A flag after the list ends it (`trace Q ARM all extra`: 'extra' is left over).
                    let flagged = command.flags.count
                    takeFlags(&args, &command)
                    if command.flags.count > flagged { break }
                }
            }
        }
        takeFlags(&args, &command)
        try args.finish(spec.usage)
        try spec.refine?(&command)
        return command
    }

    /// A flag the command declares, the first time it appears.
    static func takeFlags(_ args: inout Arguments, _ command: inout Command) {
        while let t = args.peek, t.kind == .word, command.spec.flags.contains(t.text), !command.flags.contains(t.text) {
            command.flags.append(t.text)
            _ = args.next()
        }
    }

    /// Whether the next tokens can fill an optional or repeated parameter: a keyword-led
    /// argument (`where …`) only from its keywords, and no argument from a later one's or
    /// from a flag.
    static func accepts(_ p: Parameter, _ args: Arguments, later: [Parameter], flags: [String] = []) -> Bool {
        guard let t = args.peek else { return false }
        if p.kind.leadingKeyword != nil { return p.isLed(by: args.remaining) }
        if later.contains(where: { $0.isLed(by: args.remaining) }) { return false }
        if t.kind == .word && flags.contains(t.text) { return false }
        if t.kind == .symbol { return false }
        if leavesToNumber(p, t, later: later) { return false }
        return true
    }

    /// Whether `t`, a bare whole number, belongs to a later number parameter rather than to
    /// `p` (`figures 5`, `compare A B 5`: a number of rows, never a measure or a party); a
    /// party spelt as a number is written quoted (`compare "5" B`).
    static func leavesToNumber(_ p: Parameter, _ t: Token, later: [Parameter]) -> Bool {
        guard p.kind != .number, t.kind == .word, Int(t.text) != nil else { return false }
        return later.contains { $0.kind == .number }
    }

    static func read(_ p: Parameter, _ args: inout Arguments, command: Command) throws(CommandError) -> CommandArgument {
        let name = command.spec.name
        if let t = args.peek, t.kind == .word, p.keywords.contains(t.text) {
            _ = args.next()
            return CommandArgument(parameter: p.name, value: .keyword(t.text), token: t)
        }
        switch p.kind {
        case .number, .breakpoint:
            guard let t = args.next() else { throw CommandError("\(name) needs \(p.what)", column: args.endColumn) }
            guard t.kind == .word, let n = Int(t.text) else {
                if p.kind == .breakpoint { throw CommandError("\(name) takes \(p.what)", at: t) }
                throw CommandError("\(name) takes \(p.what), got '\(t.text)'", at: t)
            }
            if p.kind == .number && n < 1 { throw CommandError("\(name) takes a positive number, got \(n)", at: t) }
            return CommandArgument(parameter: p.name, value: .number(n), token: t)
        case .filter(let target):
            if let prefix = p.prefix, args.peek?.isKeyword(prefix) == true { _ = args.next() }
            guard let whereToken = args.next(), whereToken.isKeyword("where") else {
                throw CommandError("\(name) needs \(p.what)", column: args.endColumn)
            }
            let f = try target.parse(Array(args.remaining), after: whereToken)
            while args.next() != nil {}
            return CommandArgument(parameter: p.name, value: .filter(f), token: whereToken)
        case .pin:
            guard let key = args.next(), key.isKeyword("sha256") else {
                throw CommandError("\(name) needs \(p.what)", column: args.endColumn)
            }
            guard let hex = args.next() else {
                throw CommandError("sha256 needs the 64 hex digits of the file's SHA-256", column: key.column + key.length + 1)
            }
            guard hex.kind == .word, SHA256.isDigest(hex.text) else {
                throw CommandError("expected 64 lower-case hex digits (a SHA-256), found '\(hex.text)'", at: hex)
            }
            return CommandArgument(parameter: p.name, value: .pin(hex.text), token: key)
        case .text:
            return CommandArgument(parameter: p.name, value: .text(args.rest), token: Token(kind: .string, text: args.rest,
                                                                                       column: args.restColumn, length: 1))
        case .measure:
            let t = try args.word(p.what)
            let names = Measure.allCases.map(\.rawValue)
            let prefixed = Measure.allCases.filter { $0.rawValue.hasPrefix(t.text) }
            guard t.kind == .word, let m = Measure(rawValue: t.text) ?? (prefixed.count == 1 ? prefixed[0] : nil) else {
                let hint = Suggestions.nearest(to: t.text, in: names).map { " (did you mean '\($0)'?)" } ?? ""
                throw CommandError("unknown measure '\(t.text)'\(hint); measures: \(names.joined(separator: ", "))", at: t)
            }
            return CommandArgument(parameter: p.name, value: .word(m.rawValue), token: t)
        case .date:
            let t = try args.word(p.what)
            guard PartialDate(parsing: t.text) != nil else {
                throw CommandError("'\(t.text)' is not a date: write 2021, 2021-11 or 2021-11-16", at: t)
            }
            return CommandArgument(parameter: p.name, value: .word(t.text), token: t)
        case .phase:
            let t = try args.word(p.what)
            guard Phase(rawValue: t.text) != nil else {
                let names = Phase.allCases.map(\.rawValue)
                throw CommandError("unknown phase '\(t.text)'\(Suggestions.hint(for: t.text, in: names)); phases: "
                                   + names.joined(separator: ", "), at: t)
            }
            return CommandArgument(parameter: p.name, value: .word(t.text), token: t)
        case .setting:
            let t = try args.word(p.what)
            let keys = Settings.keys.map(\.key)
            guard keys.contains(t.text) else {
                throw CommandError("unknown setting '\(t.text)'\(Suggestions.hint(for: t.text, in: keys)); settings: \(keys.joined(separator: ", "))", at: t)
            }
            return CommandArgument(parameter: p.name, value: .word(t.text), token: t)
        case .settingValue:
            let key = command.arguments.last.map { $0.token.text } ?? ""
            let t = try args.word("a value for \(key)")
            return CommandArgument(parameter: p.name, value: .word(t.text), token: t)
        case .command:
            let t = try args.word(p.what)
            switch CommandTable.resolve(t) {
            case .failure(let e): throw e
            case .success(let s): return CommandArgument(parameter: p.name, value: .word(s.name), token: t)
            }
        case .position, .entity, .event, .party, .question, .file, .watchable:
            let t = p.kind == .file ? try args.path(p.what, home: UserFiles.current.home) : try args.word(p.what)
            if case .eventIndex(let n) = t.kind {
                guard p.kind == .position || p.kind == .entity else {
                    throw CommandError("expected \(p.what), found '\(t.text)'", at: t)
                }
                return CommandArgument(parameter: p.name, value: .index(n), token: t)
            }
            return CommandArgument(parameter: p.name, value: .word(t.text), token: t)
        }
    }

    /// The text after the command word, trimmed, and the column where it starts (past the
    /// spaces after the word), for commands that take the rest of the line.
    static func rest(of segment: Lexer.Segment, after word: Token) -> (String, Int) {
        // The word's end, counted in scalars, as a byte offset.
        let u = segment.text.utf8
        var scalars = word.column - segment.column + word.length
        var start = u.startIndex
        while start < u.endIndex {
            if u[start] & 0xC0 != 0x80 {
                if scalars == 0 { break }
                scalars -= 1
            }
            start = u.index(after: start)
        }
        let after = Substring(u[start...])
        var lead = 0
        for b in after.utf8 {
            if Lexer.isASCIISpace(b) { lead += 1; continue }
            if b >= 0x80 { lead = after.prefix { $0.isWhitespace }.count }
            break
        }
        return (String(after).trimmed, word.column + word.length + lead)
    }
}

extension CommandParser {
    /// The first token of a segment when it is a word: the command as typed, for naming a
    /// command whose arguments did not parse.
    static func firstWord(of segment: Lexer.Segment) -> Token? {
        guard case .success(let tokens) = Lexer.tokens(segment.text, base: segment.column),
              let first = tokens.first, first.kind == .word else { return nil }
        return first
    }
}
