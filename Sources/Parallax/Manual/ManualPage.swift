/// A manual page in the `man(7)` macros, built from parts so that text from the command
/// declarations can never break the markup: every piece of text goes through `escape`,
/// which turns backslashes, hyphens, a leading dot or quote and any non-ASCII character
/// into roff's own escapes (`groff -ww` and `man -l` render it without a warning).
public struct ManualPage: Sendable {
    private var lines: [String]

    /// `.TH`: the page's name, section, and the manual it belongs to. No date: the page
    /// must be the same for the same program, whenever it was generated.
    public init(name: String, section: String, manual: String) {
        lines = [".TH \(ManualPage.quoted(name.uppercased())) \(section) \"\" "
                 + "\(ManualPage.quoted("Parallax " + ParallaxVersion.string)) \(ManualPage.quoted(manual))",
                 // Keys, ids and options must read as written: no hyphenation, ragged right.
                 ".nh", ".ad l"]
    }

    /// The page's source text.
    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// `.SH`: a section heading (conventionally in capitals).
    public mutating func section(_ title: String) {
        lines.append(".SH " + ManualPage.quoted(title.uppercased()))
    }

    /// `.SS`: a subsection heading.
    public mutating func subsection(_ title: String) {
        lines.append(".SS " + ManualPage.quoted(title))
    }

    /// `.PP` and a paragraph of plain text.
    public mutating func paragraph(_ text: String) {
        lines.append(".PP")
        lines.append(contentsOf: ManualPage.textLines(ManualPage.escape(text)))
    }

    /// A paragraph already marked up with `bold`/`italic` spans.
    public mutating func paragraph(marked: String) {
        lines.append(".PP")
        lines.append(contentsOf: ManualPage.textLines(marked))
    }

    /// `.TP`: a tagged paragraph, the tag (marked up) on its own line, then the body lines
    /// (plain text), each body line a paragraph of its own.
    public mutating func item(_ tag: String, _ body: [String]) {
        lines.append(".TP")
        lines.append(contentsOf: ManualPage.textLines(tag))
        var first = true
        for part in body where !part.isEmpty {
            if !first { lines.append(".IP") }
            lines.append(contentsOf: ManualPage.textLines(ManualPage.escape(part)))
            first = false
        }
        if first { lines.append("\\&") }
    }

    /// Lines shown as typed (no filling), indented: examples.
    public mutating func example(_ text: [String]) {
        lines.append(".PP")
        lines.append(".RS 4")
        lines.append(".nf")
        for line in text { lines.append(line.isEmpty ? "\\&" : "\\&" + ManualPage.escape(line)) }
        lines.append(".fi")
        lines.append(".RE")
    }

    /// `.B` in running text: `\fB…\fR`.
    public static func bold(_ text: String) -> String { "\\fB" + escape(text) + "\\fR" }

    /// Italic, for placeholders such as FILE.
    public static func italic(_ text: String) -> String { "\\fI" + escape(text) + "\\fR" }

    /// A usage line: the leading words (the command) bold, the rest as written.
    public static func usage(_ usage: String, boldWords: Int = 1) -> String {
        let words = usage.split(separator: " ", maxSplits: boldWords, omittingEmptySubsequences: true).map(String.init)
        let head = words.prefix(boldWords).joined(separator: " ")
        let rest = words.count > boldWords ? " " + escape(words[boldWords]) : ""
        return bold(head) + rest
    }

    /// Text with roff's special characters escaped. A line break in `text` stays one.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            case "\t": out += " "
            case "\n": out += "\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\[u" + hex(scalar.value) + "]"
            case _ where scalar.value > 0x7F: out += "\\[u" + hex(scalar.value) + "]"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// groff's `\[uXXXX]` takes four to six upper-case hex digits.
    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A macro argument in double quotes (a quote inside doubled, as groff reads it).
    private static func quoted(_ text: String) -> String {
        "\"" + escape(text).quotesDoubled() + "\""
    }

    /// Marked-up text as source lines: no line may start with a dot or an apostrophe (a
    /// request) or a space (a break), and no line may be empty (a blank line).
    private static func textLines(_ marked: String) -> [String] {
        marked.split(separator: "\n", omittingEmptySubsequences: true).compactMap { raw in
            var line = Substring(raw)
            while line.first == " " { line.removeFirst() }
            guard !line.isEmpty else { return nil }
            return line.first == "." || line.first == "'" ? "\\&" + line : String(line)
        }
    }
}

private extension String {
    func quotesDoubled() -> String {
        var out = ""
        for c in self { out += c == "\"" ? "\"\"" : String(c) }
        return out
    }
}
