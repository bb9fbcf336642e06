/// Where a scenario comes from: a file, or one bundled with Parallax (`builtin:NAME`).
/// `load`, `reload`, `record` (which names it) and `check SCRIPT` all go through here.
public enum ScenarioSource: Sendable, Equatable {
    case file(String)
    case builtin(String)

    /// How the scenario is named in `info` and messages.
    public var path: String {
        switch self {
        case .file(let p): p
        case .builtin(let name): Builtin.displayPath(name)
        }
    }

    /// The source a `load` argument names: `builtin:NAME`, or a path resolved against the
    /// script's folder (and refused outside it under `--safe`).
    static func named(_ token: Token, in environment: Environment) throws(CommandError) -> ScenarioSource {
        if let name = Builtin.name(ofArgument: token.text) {
            guard environment.bundledFile?(name) != nil else {
                let known = environment.bundledNames
                throw CommandError("no bundled scenario '\(name)'" + (known.isEmpty ? "" : "; bundled: "
                    + known.map { Builtin.prefix + $0 }.joined(separator: ", ")), at: token)
            }
            return .builtin(name)
        }
        return .file(try environment.readablePath(token, command: "load"))
    }

    /// Its bytes; a file that cannot be read is an error at `token`, as a failed load.
    func bytes(at token: Token, in environment: Environment = Environment()) throws(CommandError) -> [UInt8] {
        switch self {
        case .builtin(let name):
            return environment.bundledFile?(name) ?? []
        case .file(let path):
            switch FileReader.contents(of: path) {
            case .success(let bytes): return bytes
            case .failure(let d):
                var e = SessionCommands.failure(LoadFailure(diagnostics: [d], sourceText: nil))
                e.column = token.column
                e.length = token.length
                throw e
            }
        }
    }
}

/// The scenarios compiled into the binary, named `builtin:NAME` in scripts.
public enum Builtin {
    public static let prefix = "builtin:"
    /// The scenario Parallax opens when given none.
    public static let defaultName = "armenia-azerbaijan-2021-11"

    /// `(bundled) seeds/NAME.yaml`: how `info` has always named the bundled copy.
    public static func displayPath(_ name: String) -> String { "(bundled) seeds/\(name).yaml" }

    /// The NAME of a bundled scenario's display path, or nil for a file.
    public static func name(ofPath path: String) -> String? {
        let head = "(bundled) seeds/"
        guard path.hasPrefix(head), path.hasSuffix(".yaml") else { return nil }
        return String(path.dropFirst(head.count).dropLast(5))
    }

    /// The NAME in `builtin:NAME`, or nil for a path.
    public static func name(ofArgument text: String) -> String? {
        text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil
    }
}
