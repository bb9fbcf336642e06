/// A YAML node with its position. Scalars keep their exact source text: the scenario
/// format types scalars itself, never by YAML 1.1's implicit rules (`no` stays the word no).
struct YAMLNode {
    enum Kind {
        case scalar(String, plain: Bool)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    var kind: Kind
    /// 1-based.
    var line: Int
    /// 1-based, in characters.
    var column: Int

    /// An unquoted empty scalar (or `~`, `null`) stands for "no value".
    var isNull: Bool {
        if case .scalar(let s, let plain) = kind, plain {
            return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL"
        }
        return false
    }

    var scalar: String? {
        if case .scalar(let s, _) = kind { return s }
        return nil
    }

    var kindName: String {
        switch kind {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    /// How many characters a caret under this node should span.
    var width: Int {
        if case .scalar(let s, _) = kind { return max(1, s.count) }
        return 1
    }
}
