/// `-D NAME=VALUE` for `parallax run` and `check`: `${NAME}` in a word or a quoted string
/// becomes VALUE, always as one word whatever it holds (a value cannot add a `;` or a
/// second command: lines are split before values go in). `$${` writes a literal `${`.
public struct ScriptParameters: Sendable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// Adds `NAME=VALUE` as given on the command line; what is wrong with it, if anything.
    public mutating func define(_ text: String) -> String? {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            return "-D takes NAME=VALUE, not '\(text)'"
        }
        let name = String(text[..<eq])
        guard ScriptParameters.isName(name) else { return "-D: '\(name)' is not a parameter name (letters, digits, _ and -)" }
        // Two values for one name: which was meant cannot be told, so neither wins silently.
        if let earlier = values[name] {
            return "-D \(name) is given twice ('\(earlier)' and '\(text[text.index(after: eq)...])'); give it once"
        }
        values[name] = String(text[text.index(after: eq)...])
        return nil
    }

    static func isName(_ name: String) -> Bool {
        guard let f = name.unicodeScalars.first, f == "_" || f.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// The tokens with every `${NAME}` filled in; a name without a value is an error at its `${`.
    func substitute(_ tokens: [Token], in segment: Lexer.Segment) throws(CommandError) -> [Token] {
        guard segment.text.utf8.contains(UInt8(ascii: "$")) else { return tokens }
        var out = tokens
        for i in out.indices where out[i].kind == .word || out[i].kind == .string {
            let offset = out[i].kind == .string ? 1 : 0
            out[i].text = try substitute(text: out[i].text, column: out[i].column + offset)
        }
        return out
    }

    /// `text` with every `${NAME}` filled in; `column` is where `text` starts in the line.
    /// `inQuotedLine`: `text` is the rest of a line written as one quoted string (`echo
    /// "…"`, `expect "…"`), which means what is inside it: the value is escaped for that
    /// string, so it still reads back as one and means the value as given (`echo "${a}"`
    /// with `a` = `say "hi"` prints `say "hi"`, where it printed the quotes around it).
    public func substitute(text: String, column: Int, inQuotedLine: Bool = false) throws(CommandError) -> String {
        guard text.contains("${") else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var quote: Unicode.Scalar?
        var i = 0
        while i < s.count {
            if inQuotedLine, s[i] == "\\", quote != nil, i + 1 < s.count {
                out.append(s[i])
                out.append(s[i + 1])
                i += 2
                continue
            }
            if inQuotedLine, s[i] == "\"" || s[i] == "'" {
                if quote == nil { quote = s[i] } else if quote == s[i] { quote = nil }
            }
            if s[i] == "$", i + 2 < s.count, s[i + 1] == "$", s[i + 2] == "{" {
                out.append(contentsOf: "${".unicodeScalars)
                i += 3
                continue
            }
            if s[i] == "$", i + 1 < s.count, s[i + 1] == "{" {
                guard let close = s[(i + 2)...].firstIndex(of: "}") else {
                    throw CommandError("'${' without a closing '}'; write $${ for a literal ${", column: column + i, length: 2)
                }
                let name = String(String.UnicodeScalarView(s[(i + 2)..<close]))
                guard ScriptParameters.isName(name) else {
                    throw CommandError("'${\(name)}' is not a parameter (letters, digits, _ and -); write $${ for a literal ${",
                                       column: column + i, length: close - i + 1)
                }
                guard let value = values[name] else {
                    // A one- or two-letter name is near every other: no guess then.
                    let hint = name.count < 3 ? nil : Suggestions.nearest(to: name, in: values.keys.sorted())
                    throw CommandError("no value for parameter '\(name)': give one with -D \(name)=VALUE"
                                       + (hint.map { " (did you mean '\($0)'?)" } ?? ""),
                                       column: column + i, length: close - i + 1)
                }
                if let q = quote {
                    for c in value.unicodeScalars {
                        if c == "\\" || c == q { out.append("\\") }
                        out.append(c)
                    }
                } else {
                    out.append(contentsOf: value.unicodeScalars)
                }
                i = close + 1
                continue
            }
            out.append(s[i])
            i += 1
        }
        return String(out)
    }
}
