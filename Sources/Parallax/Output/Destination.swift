/// Where output goes: a person at a terminal, or a batch stream (`run`, `-c`, a pipe).
/// `renderOptions` is the one place that turns settings and a destination into render
/// options, so `set color on` means the same in `run` as in `-c`.
public struct Destination: Sendable {
    public var interactive: Bool
    public var terminalWidth: Int?
    /// `NO_COLOR` unset and stdout a terminal that takes colour.
    public var colorAllowed: Bool
    public var unicodeTerminal: Bool

    public init(interactive: Bool, terminalWidth: Int? = nil, colorAllowed: Bool = false, unicodeTerminal: Bool = true) {
        self.interactive = interactive
        self.terminalWidth = terminalWidth
        self.colorAllowed = colorAllowed
        self.unicodeTerminal = unicodeTerminal
    }

    /// Batch output: UTF-8, no colour unless asked for, 100 columns unless set.
    public static let batch = Destination(interactive: false)
}

extension Settings {
    /// The render options these settings give at `destination`.
    public func renderOptions(for destination: Destination) -> RenderOptions {
        let interactive = destination.interactive
        let useColor: Bool
        switch color {
        case .on: useColor = destination.colorAllowed || !interactive
        case .off: useColor = false
        case .auto: useColor = interactive && destination.colorAllowed
        }
        let unicode: Bool
        switch charset {
        case .unicode: unicode = true
        case .ascii: unicode = false
        case .auto: unicode = interactive ? destination.unicodeTerminal : true
        }
        return RenderOptions(format: format, width: width ?? (interactive ? (destination.terminalWidth ?? 80) : 100),
                             color: useColor, unicode: unicode)
    }
}
