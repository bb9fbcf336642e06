/// What a command produces: structure, not text. Renderers turn it into aligned text,
/// JSON or Markdown, so every command gets every format for free.
public struct Document: Sendable {
    /// The full name of the command that produced it (`step`, `events` …).
    public var command: String
    public var blocks: [Block]

    public init(command: String, blocks: [Block] = []) {
        self.command = command
        self.blocks = blocks
    }

    public mutating func add(_ block: Block) { blocks.append(block) }
}

/// One piece of a document.
public enum Block: Sendable {
    /// A heading line.
    case title(String)
    /// A paragraph, wrapped to the width.
    case text(String)
    /// Labelled values, aligned: `date: 2021-11-16`.
    case fields([Field])
    case table(Table)
    /// A bar chart of values from -10 to 10 (the escalation chart).
    case chart(Chart)
    /// A short message that is not an error (reached the end, nothing found …).
    case notice(String)
}

public struct Field: Sendable {
    /// The JSON key: lower-case, stable.
    public var key: String
    /// What the text renderer prints before the value.
    public var label: String
    public var value: String

    public init(_ key: String, _ value: String, label: String? = nil) {
        self.key = key
        self.label = label ?? key
        self.value = value
    }
}

public struct Table: Sendable {
    public struct Column: Sendable {
        /// The JSON key: lower-case, stable.
        public var key: String
        public var title: String
        /// Numbers align right and are never wrapped or cut.
        public var numeric: Bool

        public init(_ key: String, _ title: String? = nil, numeric: Bool = false) {
            self.key = key
            self.title = title ?? key
            self.numeric = numeric
        }
    }

    public struct Row: Sendable {
        public var cells: [String]
        /// The cursor's row, shown with a marker.
        public var marked: Bool
        /// A row after the cursor (not reached yet), shown with its own marker.
        public var isLater: Bool
        /// A verdict row's flags as data, for JSON (`flags`: `{"flag": …, "party": …}`);
        /// the text of the `flag` cell is what text and Markdown print.
        public var flags: [(flag: String, party: String?)]?

        public init(_ cells: [String], marked: Bool = false, isLater: Bool = false,
                    flags: [(flag: String, party: String?)]? = nil) {
            self.cells = cells
            self.marked = marked
            self.isLater = isLater
            self.flags = flags
        }
    }

    /// A name for the table in JSON and a heading in text; nil for none.
    public var name: String?
    public var columns: [Column]
    public var rows: [Row]
    /// Whether the first column shows a `▶` marker for marked rows (and `·` for later ones).
    public var showsMarker: Bool

    public init(name: String? = nil, columns: [Column], rows: [Row] = [], showsMarker: Bool = false) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.showsMarker = showsMarker
    }
}

public struct Chart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var marked: Bool
        /// A heading shown before this bar (a phase starting here).
        public var group: String?
        /// A quiet stretch before this bar, drawn as a break with its length (`6 months`).
        public var gapBefore: String?

        public init(label: String, value: Double, marked: Bool = false, group: String? = nil, gapBefore: String? = nil) {
            self.label = label
            self.value = value
            self.marked = marked
            self.group = group
            self.gapBefore = gapBefore
        }
    }

    public var bars: [Bar]
    /// The largest magnitude on either side of zero.
    public var scale: Double
    /// What each bar stands for when events are binned (`day`, `week`, `month`, `year`);
    /// nil for one bar per event.
    public var bin: String?

    public init(bars: [Bar], scale: Double = 10, bin: String? = nil) {
        self.bars = bars
        self.scale = scale
        self.bin = bin
    }
}

/// How output is rendered.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, markdown
}

/// Everything a renderer needs to know about where the output goes.
public struct RenderOptions: Sendable {
    public var format: OutputFormat
    public var width: Int
    public var color: Bool
    /// Unicode blocks and arrows, or plain ASCII.
    public var unicode: Bool

    public init(format: OutputFormat = .text, width: Int = 100, color: Bool = false, unicode: Bool = true) {
        self.format = format
        self.width = width
        self.color = color
        self.unicode = unicode
    }
}

/// Turns documents into text in the chosen format.
public enum Renderer {
    public static func render(_ document: Document, _ options: RenderOptions) -> String {
        switch options.format {
        case .text: TextRenderer(options: options).render(document)
        case .json: JSONRenderer.render(document)
        case .markdown: MarkdownRenderer.render(document)
        }
    }

    /// The same, appended to a buffer of UTF-8 (a transcript's): text goes straight in.
    public static func render(_ document: Document, _ options: RenderOptions, into out: inout [UInt8]) {
        switch options.format {
        case .text: TextRenderer(options: options).render(document, into: &out)
        case .json, .markdown: out.append(contentsOf: render(document, options).utf8)
        }
    }

    /// An error in the chosen format: caret text, or a JSON object so a pipe into `jq`
    /// still gets one value per command.
    public static func render(_ error: CommandError, command: String?, _ options: RenderOptions) -> String {
        switch options.format {
        case .json:
            var fields = [("command", JSONRenderer.string(command ?? "")),
                          ("error", JSONRenderer.string(error.message))]
            if let c = error.column { fields.append(("column", String(c))) }
            return JSONRenderer.object(fields)
        case .text, .markdown:
            return error.rendered
        }
    }
}
