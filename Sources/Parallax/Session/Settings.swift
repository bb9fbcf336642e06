/// The session's `set` keys.
public struct Settings: Sendable {
    public enum ColorMode: String, CaseIterable, Sendable { case auto, on, off }
    public enum ErrorMode: String, CaseIterable, Sendable { case stop, `continue` }
    public enum Charset: String, CaseIterable, Sendable { case auto, unicode, ascii }

    public var format: OutputFormat = .text
    public var color: ColorMode = .auto
    /// Nil: the terminal's width (interactive) or 100 (batch).
    public var width: Int?
    /// Scripts echo each command as `px> command` before its output.
    public var echo: Bool = true
    public var errors: ErrorMode = .stop
    public var charset: Charset = .auto
    /// Page long output in the REPL.
    public var pager: Bool = true

    public init() {}

    /// Every key `set` knows, with its allowed values, in display order.
    public static let keys: [(key: String, values: [String])] = [
        ("format", OutputFormat.allCases.map(\.rawValue)),
        ("color", ColorMode.allCases.map(\.rawValue)),
        ("width", ["auto", "N (20 to 1000)"]),
        ("echo", ["on", "off"]),
        ("errors", ErrorMode.allCases.map(\.rawValue)),
        ("charset", Charset.allCases.map(\.rawValue)),
        ("pager", ["on", "off"]),
    ]

    public func value(of key: String) -> String {
        switch key {
        case "format": format.rawValue
        case "color": color.rawValue
        case "width": width.map(String.init) ?? "auto"
        case "echo": echo ? "on" : "off"
        case "errors": errors.rawValue
        case "charset": charset.rawValue
        case "pager": pager ? "on" : "off"
        default: ""
        }
    }

    /// Sets `key` from its text; returns an error message for a bad value.
    public mutating func set(_ key: String, _ value: String) -> String? {
        func onOff() -> Bool? { value == "on" ? true : value == "off" ? false : nil }
        switch key {
        case "format": guard let v = OutputFormat(rawValue: value) else { break }; format = v; return nil
        case "color": guard let v = ColorMode(rawValue: value) else { break }; color = v; return nil
        case "width":
            if value == "auto" { width = nil; return nil }
            guard let n = Int(value), (20...1000).contains(n) else { return "width must be auto or a number from 20 to 1000" }
            width = n
            return nil
        case "echo": guard let v = onOff() else { break }; echo = v; return nil
        case "errors": guard let v = ErrorMode(rawValue: value) else { break }; errors = v; return nil
        case "charset": guard let v = Charset(rawValue: value) else { break }; charset = v; return nil
        case "pager": guard let v = onOff() else { break }; pager = v; return nil
        default: return "unknown setting"
        }
        let allowed = Settings.keys.first { $0.key == key }?.values.joined(separator: ", ") ?? ""
        return "\(key) takes one of: \(allowed)"
    }
}
