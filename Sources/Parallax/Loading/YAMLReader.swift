import CYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads YAML (and JSON) text into `YAMLNode`s through libyaml's event API, which is C and
/// fast; Yams measured far too slow here for a REPL that must open large scenarios at once.
struct YAMLReader {
    /// Deep enough for any scenario; bounds the node tree against hostile nesting.
    static let maxDepth = 200

    enum Failure: Error {
        case syntax(line: Int, column: Int, message: String)
        /// libyaml's reader reports bad bytes by offset, not by line and column.
        case reader(byteOffset: Int, message: String)
    }

    /// The single document in `bytes`, or nil for a stream with no document at all.
    static func read(_ bytes: [UInt8]) -> Result<YAMLDocument?, Failure> {
        bytes.withUnsafeBufferPointer { read($0, lineOffset: 0) }
    }

    /// Reads part of a file; `lineOffset` lines precede it, so positions stay the file's.
    static func read(_ buffer: UnsafeBufferPointer<UInt8>, lineOffset: Int) -> Result<YAMLDocument?, Failure> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            return .failure(.syntax(line: 1, column: 1, message: "the YAML parser could not start (out of memory)"))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        return build(&parser, sizeHint: buffer.count, lineOffset: Int32(lineOffset), quotedOnly: !holdsStandIn(buffer))
    }

    /// Reads text given in pieces, one after the other, as if they were one buffer: a part
    /// of a JSON file with a bracket or two of its own (see `ScenarioLoader+JSONParts`).
    static func read(pieces: [UnsafeBufferPointer<UInt8>], lineOffset: Int) -> Result<YAMLDocument?, Failure> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            return .failure(.syntax(line: 1, column: 1, message: "the YAML parser could not start (out of memory)"))
        }
        defer { yaml_parser_delete(&parser) }
        let feed = Feed(pieces)
        return withExtendedLifetime(feed) {
            yaml_parser_set_input(&parser, { data, buffer, size, read in
                guard let data, let buffer, let read else { return 0 }
                read.pointee = Unmanaged<Feed>.fromOpaque(data).takeUnretainedValue().next(into: buffer, size)
                return 1
            }, Unmanaged.passUnretained(feed).toOpaque())
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            return build(&parser, sizeHint: pieces.reduce(0) { $0 + $1.count }, lineOffset: Int32(lineOffset),
                         quotedOnly: !pieces.contains(where: holdsStandIn))
        }
    }

    /// Hands libyaml the pieces in order, as much as it asks for at a time.
    private final class Feed {
        let pieces: [UnsafeBufferPointer<UInt8>]
        var piece = 0
        var offset = 0

        init(_ pieces: [UnsafeBufferPointer<UInt8>]) { self.pieces = pieces }

        func next(into buffer: UnsafeMutablePointer<UInt8>, _ size: Int) -> Int {
            while piece < pieces.count && offset == pieces[piece].count {
                piece += 1
                offset = 0
            }
            guard piece < pieces.count, let base = pieces[piece].baseAddress else { return 0 }
            let n = min(size, pieces[piece].count - offset)
            buffer.update(from: base + offset, count: n)
            offset += n
            return n
        }
    }

    /// Whether the text may hold a raw-byte stand-in (`RawText`: F4 8F BA/BB xx), the one
    /// control character libyaml lets through as written; memchr is many times faster than
    /// checking every scalar.
    private static func holdsStandIn(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        return memchr(base, 0xF4, buffer.count) != nil
    }

    /// Builds the flat document: each open collection keeps its children's record indices
    /// on a shared stack; closing it moves them into `children` in one piece.
    /// `quotedOnly`: only double-quoted scalars can hold a control character (libyaml
    /// refuses raw ones, and only those scalars have escapes), unless the text holds a
    /// raw-byte stand-in.
    private static func build(_ parser: inout yaml_parser_t, sizeHint: Int, lineOffset: Int32,
                              quotedOnly: Bool) -> Result<YAMLDocument?, Failure> {
        var records: [YAMLDocument.Record] = []
        var scalars: [String] = []
        var children: [Int32] = []
        records.reserveCapacity(sizeHint / 12)
        scalars.reserveCapacity(sizeHint / 24)
        children.reserveCapacity(sizeHint / 12)
        var rootIndex: Int32 = 0
        var pending: [Int32] = []
        /// Per open collection: its record index and where its children start in `pending`.
        var open: [(record: Int32, from: Int)] = []
        var documents = 0
        var hasRoot = false
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                return .failure(syntaxError(parser))
            }
            defer { yaml_event_delete(&event) }
            let line = Int32(truncatingIfNeeded: event.start_mark.line + 1) + lineOffset
            let column = Int32(truncatingIfNeeded: event.start_mark.column + 1)
            var finished: Int32?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .success(hasRoot ? YAMLDocument(records: records, scalars: scalars, children: children, rootIndex: rootIndex) : nil)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    return .failure(.syntax(line: Int(line), column: Int(column),
                                            message: "a scenario file holds one YAML document; found a second one"))
                }
            case YAML_ALIAS_EVENT:
                return .failure(.syntax(line: Int(line), column: Int(column),
                                        message: "YAML aliases (*name) are not accepted in scenario files; write the value out"))
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value = UnsafeBufferPointer(start: s.value, count: s.length)
                // Text may hold tab and newline but no other control character, raw or
                // written as an escape ("\u0000", "\x1B"): libyaml refuses only raw ones.
                if !quotedOnly || s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE, let problem = controlProblem(value) {
                    return .failure(.syntax(line: Int(line), column: Int(column), message: problem))
                }
                scalars.append(String(decoding: value, as: UTF8.self))
                let sameLine = event.end_mark.line == event.start_mark.line
                let width = sameLine ? Int32(truncatingIfNeeded: event.end_mark.column - event.start_mark.column) : 0
                records.append(.init(kind: .scalar, plain: s.style == YAML_PLAIN_SCALAR_STYLE, line: line, column: column,
                                     start: Int32(scalars.count - 1), count: 0, width: width))
                finished = Int32(records.count - 1)
            case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
                if open.count >= maxDepth { return .failure(tooDeep(Int(line), Int(column))) }
                let kind: YAMLDocument.Record.Kind = event.type == YAML_MAPPING_START_EVENT ? .mapping : .sequence
                records.append(.init(kind: kind, plain: false, line: line, column: column, start: 0, count: 0))
                open.append((Int32(records.count - 1), pending.count))
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                guard let (record, from) = open.popLast() else { break }
                records[Int(record)].start = Int32(children.count)
                records[Int(record)].count = Int32(pending.count - from)
                children.append(contentsOf: pending[from...])
                pending.removeLast(pending.count - from)
                finished = record
            default:
                break
            }
            guard let node = finished else { continue }
            if open.isEmpty {
                hasRoot = true
                rootIndex = node
            } else {
                pending.append(node)
            }
        }
    }

    /// The message for a scalar holding a control character other than tab and newline.
    private static func controlProblem(_ value: UnsafeBufferPointer<UInt8>) -> String? {
        var rest = value[...]
        while let k = ControlCharacter.firstControl(in: UnsafeBufferPointer(rebasing: rest)) {
            let at = rest.startIndex + k
            guard value[at] == 10 else {
                let text = String(decoding: value, as: UTF8.self)
                let c = ControlCharacter.firstInText(text) ?? "\u{0}"
                return "text may not hold the control character \(ControlCharacter.name(c)) (raw or as an escape); "
                    + "only tab and newline are allowed"
            }
            rest = value[(at + 1)...]
        }
        return nil
    }

    private static func tooDeep(_ line: Int, _ column: Int) -> Failure {
        .syntax(line: line, column: column, message: "nesting deeper than \(maxDepth) levels")
    }

    private static func syntaxError(_ parser: yaml_parser_t) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) \(context)"
        }
        // libyaml reports reader problems (bad UTF-8, control characters) at a byte
        // offset and scanner/parser problems at a mark.
        if parser.error == YAML_READER_ERROR {
            if problem.contains("UTF-8") || problem.contains("utf-8") {
                message = "invalid UTF-8 (\(problem))"
            } else if problem == "control characters are not allowed" {
                message = "control characters are not allowed (value \(parser.problem_value))"
            }
            return .reader(byteOffset: Int(parser.problem_offset), message: message)
        }
        return .syntax(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
                       message: message)
    }
}
