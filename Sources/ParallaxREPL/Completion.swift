/// What Tab offers for the text before the cursor, by context: command names at the start
/// of a command, then what fits the argument — party ids after `narrative`, event ids
/// after `goto`, field names after `where`, a field's values after `field =`, paths after
/// `source`, setting names and values after `set`. Pure: the scenario and a folder lister
/// come in, candidates go out, so it is tested without a terminal.
public struct Completion: Equatable, Sendable {
    /// The partial word being completed, as it reads (quotes and escapes resolved).
    public var word: String
    /// The word as typed, an opening quote and escapes included: what a candidate replaces.
    public var typed: String
    /// The quote the word was opened with (`load "my fol`), if any.
    public var quote: Character?
    /// Sorted, without duplicates.
    public var candidates: [Candidate]

    /// One possible completion.
    public struct Candidate: Equatable, Sendable {
        public var text: String
        /// A finished word gets a space after it; a folder (`seeds/`) does not.
        public var isFinal: Bool

        public init(_ text: String, isFinal: Bool = true) {
            self.text = text
            self.isFinal = isFinal
        }
    }

    /// What completion may look at besides the line.
    public struct Context {
        public var scenario: Scenario
        /// Numbers of the current breakpoints and watchpoints, for `delete`.
        public var breakpoints: [Int]
        /// The entries of a folder ("" is the current one): names and whether each is a folder.
        public var listFolder: (String) -> [(name: String, isFolder: Bool)]

        public init(scenario: Scenario, breakpoints: [Int] = [],
                    listFolder: @escaping (String) -> [(name: String, isFolder: Bool)] = { _ in [] }) {
            self.scenario = scenario
            self.breakpoints = breakpoints
            self.listFolder = listFolder
        }
    }

    public init(word: String, candidates: [Candidate], typed: String? = nil, quote: Character? = nil) {
        self.word = word
        self.candidates = candidates
        self.typed = typed ?? word
        self.quote = quote
    }

    /// The longest common prefix of the candidates, on Unicode scalars (never bytes, so a
    /// multi-byte character is never split).
    public var commonPrefix: String {
        guard var prefix = candidates.first.map({ Array($0.text.unicodeScalars) }) else { return "" }
        for c in candidates.dropFirst() {
            let scalars = Array(c.text.unicodeScalars)
            var n = 0
            while n < min(prefix.count, scalars.count), prefix[n] == scalars[n] { n += 1 }
            prefix.removeSubrange(n...)
        }
        var out = ""
        out.unicodeScalars.append(contentsOf: prefix)
        return out
    }

    /// What pressing Tab does to the line.
    public enum Edit: Equatable, Sendable {
        /// Replace the partial word with this text.
        case replace(String)
        /// Show these candidates (the second Tab on an ambiguous word).
        case list([String])
        /// Nothing fits, or the first Tab on an ambiguous word: ring the bell.
        case beep
    }

    /// A unique candidate completes (with a space after a finished word); several extend
    /// the word to their common prefix; when that adds nothing, the first Tab beeps and a
    /// second one lists them.
    public func edit(secondTab: Bool) -> Edit {
        guard let first = candidates.first else { return .beep }
        if candidates.count == 1 { return .replace(written(first.text, final: first.isFinal)) }
        let prefix = commonPrefix
        if prefix.unicodeScalars.count > word.unicodeScalars.count { return .replace(written(prefix, final: false)) }
        return secondTab ? .list(candidates.map(\.text)) : .beep
    }

    /// `text` as it must be typed to read back as itself: a file name with a space, a
    /// quote, `;` or `#` in quotes (left open while it may go on: a folder, a common
    /// prefix), as is a word already opened with a quote.
    func written(_ text: String, final: Bool) -> String {
        guard quote != nil || Lexer.quotedIfNeeded(text) != text else { return text + (final ? " " : "") }
        let q = quote ?? "\""
        var out = String(q)
        for c in text.replacing("${", with: "$${").unicodeScalars {
            if Character(c) == q || c == "\\" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(c)
        }
        return final ? out + String(q) + " " : out
    }

    // MARK: - Candidates by context

    /// The completion of `text`, everything before the cursor on the line.
    public static func complete(_ text: String, in context: Context) -> Completion {
        guard let segment = currentSegment(of: text) else { return Completion(word: "", candidates: []) }
        guard case .success(let tokens) = Lexer.tokens(segment) else {
            // A word opened with a quote and not yet closed (`load "my fol`): completed as
            // what it reads so far, the quote kept.
            for q: Character in ["\"", "'"] {
                guard case .success(var closed) = Lexer.tokens(segment + String(q)), let last = closed.last,
                      last.kind == .string, last.column - 1 + last.length == segment.unicodeScalars.count + 1 else { continue }
                closed.removeLast()
                let typed = String(segment.unicodeScalars.suffix(last.length - 1))
                let options = candidates(after: closed, word: last.text, in: context)
                return Completion(word: last.text, candidates: matching(last.text, options), typed: typed, quote: q)
            }
            return Completion(word: "", candidates: [])
        }
        // The word under the cursor: the last token when nothing separates it from the cursor.
        var done = tokens
        var word = ""
        if let last = tokens.last, last.kind == .word, let end = segment.last, !end.isWhitespace,
           last.column - 1 + last.length == segment.count {
            word = last.text
            done.removeLast()
        }
        let options = candidates(after: done, word: word, in: context)
        return Completion(word: word, candidates: matching(word, options))
    }

    /// The command being typed: the text after the last `;`, or nil inside a comment.
    static func currentSegment(of text: String) -> String? {
        var quote: Character?
        var start = text.startIndex
        var previous: Character?
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if let q = quote {
                if c == "\\" && next < text.endIndex { i = text.index(after: next); previous = nil; continue }
                if c == q { quote = nil }
            } else if c == "\"" || (c == "'" && (previous.map { $0.isWhitespace || $0 == "(" || $0 == "," } ?? true)) {
                // As in the lexer, an apostrophe inside a word (Aghajanyan's) opens no quote.
                quote = c
            } else if c == ";" {
                start = next
            } else if c == "#" && next < text.endIndex && !text[next].isNumber {
                return nil  // a comment (a `#` at the very end may yet become `#3`)
            }
            previous = c
            i = next
        }
        return String(text[start...])
    }

    /// Candidates that start with `word`; when none do, those that do ignoring case.
    static func matching(_ word: String, _ options: [Candidate]) -> [Candidate] {
        var seen = Set<String>()
        let unique = options.filter { seen.insert($0.text).inserted }
        let exact = unique.filter { $0.text.hasPrefix(word) }
        let found = exact.isEmpty ? unique.filter { $0.text.lowercased().hasPrefix(word.lowercased()) } : exact
        return found.sorted { $0.text < $1.text }
    }

    /// What may follow the finished tokens of a command: read from the command's
    /// declaration, as the parser would read the tokens.
    static func candidates(after done: [Token], word: String, in context: Context) -> [Candidate] {
        guard let first = done.first else { return commandNames() }
        guard first.kind == .word, case .success(let spec) = CommandTable.resolve(first) else { return [] }
        var args = Array(done.dropFirst())
        var flags = spec.flags
        var flagGiven = false
        var options: [Candidate] = []
        var previous: [Token] = []
        func takeFlags() {
            while let t = args.first, t.kind == .word, let i = flags.firstIndex(of: t.text) {
                flags.remove(at: i)
                args.removeFirst()
                flagGiven = true
            }
        }
        // A word that leads only with a keyword after it (`break claim`) asks for that keyword.
        if let last = args.last, last.kind == .word,
           let led = spec.parameters.first(where: { $0.prefix == last.text }), let keyword = led.kind.leadingKeyword {
            return [Candidate(keyword)]
        }
        for (i, p) in spec.parameters.enumerated() {
            takeFlags()
            if p.kind == .text { return args.isEmpty && previous.isEmpty ? flags.map { Candidate($0) } : [] }
            let later = Array(spec.parameters[(i + 1)...])
            if p.kind.leadingKeyword != nil, p.isLed(by: args[...]) {
                // `where …` runs to the end: what follows is the filter's, or the pin's digest.
                guard case .filter(let target) = p.kind else { return [] }
                return filter(Array(args.dropFirst(p.prefix == nil ? 1 : 2)), target.fields, entity: target, context.scenario)
            }
            let limit: Int?
            switch p.arity {
            case .one, .optional: limit = 1
            case .many(_, let max): limit = max
            }
            var taken = 0
            var given: [String] = []
            while p.kind.leadingKeyword == nil, let t = args.first, t.kind != .symbol,
                  !later.contains(where: { $0.isLed(by: args[...]) }), limit.map({ taken < $0 }) ?? true {
                given.append(t.text)
                previous.append(args.removeFirst())
                taken += 1
                takeFlags()
            }
            // A list ends at a flag (`trace Q ARM all`); a value is not offered twice.
            var open = limit.map { taken < $0 } ?? true
            if case .many = p.arity, flagGiven { open = false }
            if open && args.isEmpty {
                options += candidates(for: p, word: word, after: previous, in: context).filter { !given.contains($0.text) }
                if p.arity == .one && taken == 0 { break }
            }
        }
        if args.isEmpty { options += flags.map { Candidate($0) } }
        return args.isEmpty ? options : []
    }

    /// The words that can fill one parameter, from its kind and the scenario.
    public static func candidates(for p: Parameter, word: String = "", after previous: [Token] = [], in context: Context) -> [Candidate] {
        let sc = context.scenario
        let words = { (list: [String]) in list.map { Candidate($0) } }
        var out: [Candidate]
        switch p.kind {
        case .position: out = words(sc.events.map(\.id) + Phase.allCases.map(\.rawValue))
        case .entity: out = words(allIds(sc))
        case .event: out = words(sc.events.map(\.id))
        case .party: out = words(sc.parties.map(\.id))
        case .question: out = words(sc.questions.map(\.id))
        case .measure: out = words(Measure.allCases.map(\.rawValue))
        case .date: out = words(Array(Set(sc.events.map(\.date.description))).sorted())
        case .phase: out = words(Phase.allCases.map(\.rawValue))
        case .filter: out = [Candidate(p.prefix ?? "where")]
        case .watchable: out = words(sc.questions.map(\.id) + Measure.allCases.map(\.rawValue))
        case .file: out = paths(word, context)
        case .number, .text: out = []
        case .setting: out = words(Settings.keys.map(\.key))
        case .settingValue:
            let key = previous.last?.text
            out = words(Settings.keys.first { $0.key == key }?.values.filter { !$0.contains(" ") } ?? [])
        case .command: out = commandNames()
        case .breakpoint: out = words(context.breakpoints.map(String.init))
        case .pin: out = [Candidate("sha256")]
        }
        return out + p.keywords.map { Candidate($0) }
    }

    /// Every command's full name and long alias (the one-letter aliases complete nothing).
    static func commandNames() -> [Candidate] {
        CommandTable.all.flatMap { [$0.name] + $0.aliases }.map { Candidate($0) }
    }

    static func allIds(_ sc: Scenario) -> [String] {
        sc.events.map(\.id) + sc.parties.map(\.id) + sc.actors.map(\.id) + sc.claims.map(\.id)
            + sc.questions.map(\.id) + sc.sources.map(\.id) + sc.places.map(\.id)
    }

    typealias Entity = FilterTarget

    static let operators = FilterTerm.Op.allCases.map(\.rawValue)

    /// Inside `where …`: a field name where a term starts, operators after a field, the
    /// field's values after an operator or inside `in (…)`, `and`/`or` after a value.
    static func filter(_ tokens: [Token], _ fields: [(name: String, type: FieldType)], entity: Entity, _ sc: Scenario) -> [Candidate] {
        let fieldNames = fields.map { Candidate($0.name) }
        guard let last = tokens.last else { return fieldNames + [Candidate("not")] }
        if last.isKeyword("and") || last.isKeyword("or") || last.isKeyword("not") || (last.kind == .symbol && last.text == "(" && !isList(tokens)) {
            return fieldNames + [Candidate("not")]
        }
        if last.kind == .word, fields.contains(where: { $0.name == last.text }), !isValuePosition(tokens.dropLast()) {
            return operators.map { Candidate($0) }
        }
        if isValuePosition(tokens), let field = fieldOfValue(tokens), let type = fields.first(where: { $0.name == field })?.type {
            return values(of: field, type, entity: entity, sc).map { Candidate($0) }
        }
        return [Candidate("and"), Candidate("or")]
    }

    /// Whether the next token would be a value: after an operator, `in (` or a `,` in a list.
    static func isValuePosition<C: BidirectionalCollection>(_ tokens: C) -> Bool where C.Element == Token {
        guard let last = tokens.last else { return false }
        if last.kind == .symbol {
            if last.text == "," { return true }
            if last.text == "(" { return isList(Array(tokens)) }
            return operators.contains(last.text)
        }
        return false
    }

    /// Whether the last `(` opens an `in (…)` list.
    static func isList(_ tokens: [Token]) -> Bool {
        guard let open = tokens.lastIndex(where: { $0.kind == .symbol && $0.text == "(" }), open > 0 else { return false }
        return tokens[open - 1].isKeyword("in")
    }

    /// The field a value position belongs to: the word before its operator or `in`.
    static func fieldOfValue(_ tokens: [Token]) -> String? {
        var i = tokens.count - 1
        if tokens[i].text == "," || tokens[i].text == "(" {
            guard let open = tokens.lastIndex(where: { $0.kind == .symbol && $0.text == "(" }), open >= 2 else { return nil }
            i = open - 1  // `in`
        }
        return i >= 1 ? tokens[i - 1].text : nil
    }

    /// The values a field can take in this scenario.
    static func values(of field: String, _ type: FieldType, entity: Entity, _ sc: Scenario) -> [String] {
        if case .choice(let values) = type { return values }
        switch field {
        case "id":
            switch entity {
            case .event: return sc.events.map(\.id)
            case .claim: return sc.claims.map(\.id)
            case .actor: return sc.actors.map(\.id)
            }
        case "party": return sc.parties.map(\.id)
        case "actor": return sc.actors.map(\.id) + sc.parties.map(\.id)
        case "by": return sc.actors.map(\.id) + sc.parties.map(\.id) + sc.sources.map(\.id)
        case "about": return sc.events.map(\.id)
        case "question": return sc.questions.map(\.id)
        case "source": return sc.sources.map(\.id)
        case "place": return sc.places.map(\.id)
        case "kind": return Array(Set(sc.actors.compactMap(\.kind))).sorted()
        default: return []
        }
    }

    /// Files and folders that complete a path: the typed folder's entries, hidden ones
    /// only when the name being typed starts with a dot.
    static func paths(_ word: String, _ context: Context) -> [Candidate] {
        let folder = word.lastIndex(of: "/").map { String(word[...$0]) } ?? ""
        let name = String(word.dropFirst(folder.count))
        return context.listFolder(folder)
            .filter { ($0.name.hasPrefix(".") == name.hasPrefix(".")) && $0.name != "." && $0.name != ".." }
            .map { Candidate(folder + $0.name + ($0.isFolder ? "/" : ""), isFinal: !$0.isFolder) }
    }
}
