/// HTML and SVG, built element by element. Element and attribute names and style sheets
/// are `StaticString`s, so they can only come from the program; every other string (all
/// that comes from a scenario) goes through `escape`, so a title holding `<script>`,
/// `</svg>`, `&`, quotes or bidi controls shows as that text and never as markup. Views
/// never glue tags into strings: they call this.
public struct Markup {
    /// An attribute: a fixed name and an escaped value.
    public struct Attribute {
        let name: StaticString
        let value: String

        public init(_ name: StaticString, _ value: String) {
            self.name = name
            self.value = value
        }

        /// A coordinate or a length: at most two decimals, no exponent.
        public init(_ name: StaticString, _ value: Double) {
            self.name = name
            self.value = Markup.number(value)
        }

        public static func `class`(_ value: String) -> Attribute { Attribute("class", value) }
    }

    /// SVG written alone (`export svg`) is XML: an element with nothing in it closes itself.
    /// In HTML, `empty` is for void elements (`br`, `meta`) and SVG shapes, which HTML5
    /// parsers also accept self-closed.
    public private(set) var text = ""

    public init() {}

    public mutating func element(_ name: StaticString, _ attributes: [Attribute] = [], _ body: (inout Markup) -> Void) {
        open(name, attributes)
        text += ">"
        body(&self)
        text += "</"
        text += name.description
        text += ">"
    }

    /// An element with only text in it.
    public mutating func element(_ name: StaticString, _ attributes: [Attribute] = [], text content: String) {
        element(name, attributes) { $0.text(content) }
    }

    /// An element with no content: `<br/>`, `<circle … />`.
    public mutating func empty(_ name: StaticString, _ attributes: [Attribute] = []) {
        open(name, attributes)
        text += "/>"
    }

    private mutating func open(_ name: StaticString, _ attributes: [Attribute]) {
        text += "<"
        text += name.description
        for a in attributes {
            text += " "
            text += a.name.description
            text += "=\""
            Markup.escape(a.value, into: &text)
            text += "\""
        }
    }

    /// Text from anywhere: escaped.
    public mutating func text(_ s: String) { Markup.escape(s, into: &text) }

    /// Text written by the program itself (a style sheet, the doctype), never from a scenario.
    public mutating func trusted(_ s: StaticString) { text += s.description }

    /// Escapes the five markup characters, and shows control and bidi-override characters
    /// as `\u{202E}` (as the terminal does): they would otherwise reorder or hide the text
    /// around them, and most C0 controls are not allowed in XML at all.
    public static func escape(_ s: String, into out: inout String) {
        var plain = true
        for b in s.utf8 where b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 || b < 0x20 || b == 0x7F
            || b == 0xC2 || b == 0xD8 || b == 0xE2 || b == 0xEF {
            plain = false
            break
        }
        if plain {
            out += s
            return
        }
        // Runs of ordinary text are copied whole; only the characters replaced are visited.
        let scalars = s.unicodeScalars
        var run = scalars.startIndex
        var i = run
        while i < scalars.endIndex {
            let u = scalars[i]
            let replacement: String?
            switch u {
            case "&": replacement = "&amp;"
            case "<": replacement = "&lt;"
            case ">": replacement = "&gt;"
            case "\"": replacement = "&quot;"
            case "'": replacement = "&#39;"
            case "\n", "\t": replacement = nil
            default: replacement = isHidden(u) ? "\\u{" + String(u.value, radix: 16, uppercase: true) + "}" : nil
            }
            let next = scalars.index(after: i)
            if let replacement {
                out += String(scalars[run..<i])
                out += replacement
                run = next
            }
            i = next
        }
        out += String(scalars[run..<scalars.endIndex])
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        escape(s, into: &out)
        return out
    }

    /// Controls (C0 but tab and line feed, DEL, C1), bidi embeddings, overrides, isolates
    /// and marks, and the noncharacters XML refuses.
    static func isHidden(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C || v == 0xFFFE || v == 0xFFFF
    }

    /// `12`, `12.5`, `-3.25`: short, exact enough for a drawing, never `1e-05`.
    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let hundredths = (v * 100).rounded()
        if hundredths == 0 { return "0" }
        let negative = hundredths < 0
        let n = Int(abs(hundredths))
        var s = String(n / 100)
        let cents = n % 100
        if cents != 0 { s += cents % 10 == 0 ? "." + String(cents / 10) : (cents < 10 ? ".0" : ".") + String(cents) }
        return negative ? "-" + s : s
    }
}
