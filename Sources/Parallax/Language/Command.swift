/// A command as a value: what was asked for, parsed from tokens by its declaration and not
/// yet run. `text` writes it back in canonical form (full name, arguments in declared
/// order), which is what `record` saves and what parses back to the same value.
public struct Command: Sendable {
    public let spec: CommandSpec
    /// The command word as typed (where an error about the whole command points).
    public var word: Token
    public var arguments: [CommandArgument]
    /// Bare keywords given anywhere among the arguments (`all`).
    public var flags: [String]
    /// Column just past the command word (where a missing argument would go).
    public var endColumn: Int
    /// Column just past the last token (where a missing trailing argument would go).
    public var tailColumn: Int

    public var name: String { spec.name }

    public func argument(_ parameter: String) -> CommandArgument? { arguments.first { $0.parameter == parameter } }
    public func all(_ parameter: String) -> [CommandArgument] { arguments.filter { $0.parameter == parameter } }
    public func token(_ parameter: String) -> Token? { argument(parameter)?.token }
    public func has(_ flag: String) -> Bool { flags.contains(flag) }

    public func number(_ parameter: String) -> Int? {
        if case .number(let n)? = argument(parameter)?.value { return n }
        return nil
    }

    public func filter(_ parameter: String = "FILTER") -> Filter? {
        if case .filter(let f)? = argument(parameter)?.value { return f }
        return nil
    }

    /// The rest of the line, for commands that take it ("" when absent).
    public var text: String {
        for a in arguments { if case .text(let t) = a.value { return t } }
        return ""
    }

    /// The keyword given in place of a value (`record stop`), if any.
    public func keyword(_ parameter: String) -> String? {
        if case .keyword(let k)? = argument(parameter)?.value { return k }
        return nil
    }

    /// The canonical line: full name, each argument as it reads back, flags before a
    /// filter or text that runs to the end.
    public var canonical: String {
        var words = [spec.name]
        var flagsWritten = false
        // A value spelt like a keyword of this command (`record "stop"`) keeps its quotes.
        let reserved = Set(spec.flags + spec.parameters.flatMap {
            $0.keywords + ($0.kind.leadingKeyword.map { [$0] } ?? []) + ($0.prefix.map { [$0] } ?? [])
        })
        for a in arguments {
            if !flagsWritten, a.value.runsToEnd {
                words += flags
                flagsWritten = true
            }
            if case .word(let w) = a.value, reserved.contains(w) || (Int(w) != nil && numberFollows(a.parameter)) {
                words.append("\"" + w + "\"")
                continue
            }
            if let prefix = spec.parameters.first(where: { $0.name == a.parameter })?.prefix { words.append(prefix) }
            let t = a.value.text
            if !t.isEmpty { words.append(t) }
        }
        if !flagsWritten { words += flags }
        return words.joined(separator: " ")
    }

    /// Whether a number parameter is declared after `parameter`: a value of it spelt as a
    /// number is quoted, or it would read back as that number (`CommandParser.leavesToNumber`).
    func numberFollows(_ parameter: String) -> Bool {
        guard let i = spec.parameters.firstIndex(where: { $0.name == parameter }) else { return false }
        return spec.parameters[(i + 1)...].contains { $0.kind == .number }
    }
}

extension Command: Equatable {
    /// Equal when they ask for the same thing, wherever it was typed.
    public static func == (a: Command, b: Command) -> Bool {
        a.spec.name == b.spec.name && a.flags.sorted() == b.flags.sorted()
            && a.arguments.map(\.parameter) == b.arguments.map(\.parameter)
            && a.arguments.map(\.value) == b.arguments.map(\.value)
    }
}

/// One argument: which parameter it fills, its value, and where it was written.
public struct CommandArgument: Sendable {
    public var parameter: String
    public var value: ArgumentValue
    public var token: Token
}

public enum ArgumentValue: Sendable, Equatable {
    /// An id, file name, setting or other word, with quotes and escapes resolved.
    case word(String)
    /// `#N`.
    case index(Int)
    case number(Int)
    /// A bare keyword given in place of a value (`stop`, `all`).
    case keyword(String)
    case filter(Filter)
    /// The rest of the line, as written.
    case text(String)
    /// `sha256 HEX`.
    case pin(String)

    /// How it is written back, so that it reads as the same value.
    public var text: String {
        switch self {
        case .word(let w): Lexer.quotedIfNeeded(w)
        case .index(let n): "#\(n)"
        case .number(let n): String(n)
        case .keyword(let k): k
        case .filter(let f): "where " + f.text
        case .text(let t): t.replacing("${", with: "$${")
        case .pin(let hex): "sha256 " + hex
        }
    }

    var runsToEnd: Bool {
        switch self {
        case .filter, .text: true
        default: false
        }
    }

    public static func == (a: ArgumentValue, b: ArgumentValue) -> Bool {
        switch (a, b) {
        case (.word(let x), .word(let y)), (.keyword(let x), .keyword(let y)), (.text(let x), .text(let y)),
             (.pin(let x), .pin(let y)): x == y
        case (.index(let x), .index(let y)), (.number(let x), .number(let y)): x == y
        case (.filter(let x), .filter(let y)): x.text == y.text
        default: false
        }
    }
}

extension Lexer {
    /// A word as it must be written to read back as itself: bare when it lexes as that one
    /// word and the splitter keeps all of it as one command (`a;b` and `a#b` are one word
    /// to the tokenizer but cut by the splitter), else in double quotes with `\"` and `\\` escaped; `${` as `$${` either way.
    public static func quotedIfNeeded(_ word: String) -> String {
        // `${` was written `$${` (else it would read as a parameter).
        let word = word.replacing("${", with: "$${")
        if !word.isEmpty, case .success(let t) = tokens(word), t.count == 1, t[0].kind == .word, t[0].text == word,
           segments(word) == [Segment(text: word, column: 1)] {
            return word
        }
        var out = "\""
        for c in word.unicodeScalars {
            if c == "\"" || c == "\\" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out + "\""
    }
}
