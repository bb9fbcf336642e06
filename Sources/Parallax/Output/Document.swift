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
    /// What JSON shows, when the text is not simply a string ("—" is null without it).
    public var typed: CellValue?

    public init(_ key: String, _ value: String, label: String? = nil, typed: CellValue? = nil) {
        self.key = key
        self.label = label ?? key
        self.value = value
        self.typed = typed
    }
}

public struct Table: Sendable {
    public struct Column: Sendable {
        /// What a column holds, which says how text may wrap it and how JSON types it.
        public enum Kind: Sendable, Equatable {
            /// Free text: wraps first, and may be cut inside a word when nothing else fits.
            case text
            /// Ids, dates, keywords: wraps only between words, never inside one.
            case word
            /// Numbers: aligned right, never wrapped or cut; JSON numbers.
            case number
            /// Claimed figures (`15`, `15-20`, `>=15`): never cut; JSON `{"min", "max"}`.
            case figure
        }

        /// The JSON key: lower-case, stable.
        public var key: String
        public var title: String
        /// Numbers align right and are never wrapped or cut.
        public var numeric: Bool
        public var kind: Kind
        /// Shown in text (and HTML) as a heading line over the rows where its value
        /// changes, not as a column: the events' phase. JSON, CSV and Markdown keep it a column.
        public var heading: Bool

        /// Without a kind, a number column is `.number` and the columns whose keys name
        /// ids, dates and vocabulary words (`Column.wordKeys`) are `.word`.
        public init(_ key: String, _ title: String? = nil, numeric: Bool = false, kind: Kind? = nil, heading: Bool = false) {
            self.key = key
            self.title = title ?? key
            // A position (`#12`) is a number in JSON wherever it appears; it aligns right in
            // text only where the view says so.
            self.kind = kind ?? (numeric || key == "position" ? .number : Column.wordKeys.contains(key) ? .word : .text)
            self.numeric = numeric || kind == .number || self.kind == .figure
            self.heading = heading
        }

        /// Keys whose cells are ids, dates or single vocabulary words in every view.
        static let wordKeys: Set<String> = ["id", "date", "question", "party", "losses", "measure", "verdict",
                                            "status", "phase", "type", "about", "kind", "role", "key", "field",
                                            "value", "state"]
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
        /// What each cell means, for JSON, CSV and pictures; nil: read from the text by
        /// the column's kind (`CellValue.parse`).
        public var values: [CellValue]?
        /// The claim, event, party and sources the row shows.
        public var ids: RowIDs
        /// More typed keys for JSON after the columns.
        public var extra: [CellValue.Member]

        public init(_ cells: [String], marked: Bool = false, isLater: Bool = false,
                    flags: [(flag: String, party: String?)]? = nil, values: [CellValue]? = nil,
                    ids: RowIDs = RowIDs(), extra: [CellValue.Member] = []) {
            self.cells = cells
            self.marked = marked
            self.isLater = isLater
            self.flags = flags
            self.values = values
            self.ids = ids
            self.extra = extra
        }

        /// Cell i as a typed value.
        public func value(_ i: Int, kind: Column.Kind) -> CellValue {
            if let values, i < values.count { return values[i] }
            return i < cells.count ? CellValue.parse(cells[i], as: kind) : .null
        }
    }

    /// A name for the table in JSON and a heading in text; nil for none.
    public var name: String?
    /// A stable id for JSON (`figures.summary`, `compare.questions`), whatever the heading says.
    public var id: String?
    public var columns: [Column]
    public var rows: [Row]
    /// Whether the first column shows a `▶` marker for marked rows (and `·` for later ones).
    public var showsMarker: Bool
    /// How HTML draws the rows as well as listing them; nil: a table only.
    public var picture: Picture?
    /// Rows left out of a capped table (a report of a large scenario), said under it.
    public var leftOut = 0

    public init(name: String? = nil, id: String? = nil, columns: [Column], rows: [Row] = [], showsMarker: Bool = false,
                picture: Picture? = nil) {
        self.name = name
        self.id = id
        self.columns = columns
        self.rows = rows
        self.showsMarker = showsMarker
        self.picture = picture
    }

    /// The index of the column with this key.
    public func column(_ key: String) -> Int? { columns.firstIndex { $0.key == key } }
}

/// The ids behind a row, so JSON needs no text parsing to follow a row to its claim,
/// event or party, and HTML can link a claim to its sources.
public struct RowIDs: Sendable, Equatable {
    public var claim: String?
    public var event: String?
    public var party: String?
    public var question: String?
    public var sources: [String]

    public init(claim: String? = nil, event: String? = nil, party: String? = nil, question: String? = nil,
                sources: [String] = []) {
        self.claim = claim
        self.event = event
        self.party = party
        self.question = question
        self.sources = sources
    }

    public var isEmpty: Bool { claim == nil && event == nil && party == nil && question == nil && sources.isEmpty }
}

/// A picture the HTML renderer draws from a table's rows (the text renderer lists them).
public enum Picture: Sendable {
    /// `contacts`: a graph of these nodes; each row is an edge from its `from_id` to its
    /// `to_ids` (typed values), labelled with its date.
    case web([WebNode])
    /// One (party's losses, measure) of `figures`: each row's value as a point or an
    /// interval, by claimant, own side against adversary against others.
    case figures(FigureGroup)
}

public struct WebNode: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The party an actor speaks for; the party itself for a party.
    public var party: String?
    public var isParty: Bool

    public init(id: String, name: String, party: String?, isParty: Bool) {
        self.id = id
        self.name = name
        self.party = party
        self.isParty = isParty
    }
}

public struct FigureGroup: Sendable, Equatable {
    /// Whose losses; nil for all sides.
    public var losses: String?
    public var measure: String
    /// The other belligerents (whose claims about `losses` are the adversary's).
    public var adversaries: [String]

    public init(losses: String?, measure: String, adversaries: [String]) {
        self.losses = losses
        self.measure = measure
        self.adversaries = adversaries
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
        /// The event's id (a bin's most intense) and dates (day numbers,
        /// `PartialDate.firstDay`; a bin's first and last), for a chart on a time axis.
        public var event: String?
        /// The event's date as written (`2021-11`, `2020-09..2020-11`).
        public var date: String?
        public var firstDay: Int?
        public var lastDay: Int?
        /// The phase the bar stands in (a bin's last), for shading a time axis.
        public var phase: String?

        public init(label: String, value: Double, marked: Bool = false, group: String? = nil, gapBefore: String? = nil,
                    event: String? = nil, date: String? = nil, firstDay: Int? = nil, lastDay: Int? = nil, phase: String? = nil) {
            self.label = label
            self.value = value
            self.marked = marked
            self.group = group
            self.gapBefore = gapBefore
            self.event = event
            self.date = date
            self.firstDay = firstDay
            self.lastDay = lastDay
            self.phase = phase
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
            // An unknown command has no name: null, as nothing is everywhere (never "").
            var fields = [("command", command.map(JSONRenderer.string) ?? "null"),
                          ("error", JSONRenderer.string(error.message))]
            if let c = error.column { fields.append(("column", String(c))) }
            return JSONRenderer.object(fields)
        case .text, .markdown:
            return error.rendered
        }
    }
}
