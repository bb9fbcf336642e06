import CYAML

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
    static func read(_ bytes: [UInt8]) -> Result<YAMLNode?, Failure> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            return .failure(.syntax(line: 1, column: 1, message: "the YAML parser could not start (out of memory)"))
        }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> Result<YAMLNode?, Failure> in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            return build(&parser)
        }
    }

    private enum Open {
        case mapping([(key: YAMLNode, value: YAMLNode)], pendingKey: YAMLNode?, line: Int, column: Int)
        case sequence([YAMLNode], line: Int, column: Int)
    }

    private static func build(_ parser: inout yaml_parser_t) -> Result<YAMLNode?, Failure> {
        var stack: [Open] = []
        var root: YAMLNode?
        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                return .failure(syntaxError(parser))
            }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1
            var finished: YAMLNode?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .success(root)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    return .failure(.syntax(line: line, column: column,
                                            message: "a scenario file holds one YAML document; found a second one"))
                }
            case YAML_ALIAS_EVENT:
                return .failure(.syntax(line: line, column: column,
                                        message: "YAML aliases (*name) are not accepted in scenario files; write the value out"))
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                finished = YAMLNode(kind: .scalar(text, plain: s.style == YAML_PLAIN_SCALAR_STYLE),
                                    line: line, column: column)
            case YAML_MAPPING_START_EVENT:
                if stack.count >= maxDepth { return .failure(tooDeep(line, column)) }
                stack.append(.mapping([], pendingKey: nil, line: line, column: column))
            case YAML_SEQUENCE_START_EVENT:
                if stack.count >= maxDepth { return .failure(tooDeep(line, column)) }
                stack.append(.sequence([], line: line, column: column))
            case YAML_MAPPING_END_EVENT:
                if case .mapping(let pairs, _, let l, let c)? = stack.popLast() {
                    finished = YAMLNode(kind: .mapping(pairs), line: l, column: c)
                }
            case YAML_SEQUENCE_END_EVENT:
                if case .sequence(let items, let l, let c)? = stack.popLast() {
                    finished = YAMLNode(kind: .sequence(items), line: l, column: c)
                }
            default:
                break
            }
            guard let node = finished else { continue }
            switch stack.popLast() {
            case nil:
                root = node
            case .mapping(var pairs, let key, let l, let c)?:
                if let key {
                    pairs.append((key, node))
                    stack.append(.mapping(pairs, pendingKey: nil, line: l, column: c))
                } else {
                    stack.append(.mapping(pairs, pendingKey: node, line: l, column: c))
                }
            case .sequence(var items, let l, let c)?:
                items.append(node)
                stack.append(.sequence(items, line: l, column: c))
            }
        }
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
