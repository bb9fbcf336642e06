/// Every command, and how a typed word resolves to one.
public enum CommandTable {
    /// The families of commands, each defined in its own file.
    public static let all: [CommandSpec] = NavigationCommands.all + InspectionCommands.all
        + NarrativeCommands.all + WatchCommands.all + AnalysisCommands.all + SessionCommands.all
        + ScriptCommands.all

    /// Fixed aliases that never change meaning when commands are added.
    static let fixedAliases: [String: String] = ["s": "step", "b": "back", "c": "continue", "q": "quit"]

    /// Every fixed alias, name and alias to its place in `all` (in that order of precedence,
    /// and the first command that claims a word wins), so resolving a command is one
    /// lookup, not a walk through the table.
    static let exact: [String: Int] = {
        var index: [String: Int] = [:]
        for (alias, full) in fixedAliases {
            if let i = all.firstIndex(where: { $0.name == full }) { index[alias] = i }
        }
        for (i, spec) in all.enumerated() {
            for word in [spec.name] + spec.aliases where index[word] == nil { index[word] = i }
        }
        return index
    }()

    public static func spec(named name: String) -> CommandSpec? {
        all.first { $0.name == name }
    }

    /// Resolves a typed word: a fixed alias, an exact name or alias, else a unique prefix.
    public static func resolve(_ token: Token) -> Result<CommandSpec, CommandError> {
        let word = token.text
        if let i = exact[word] { return .success(all[i]) }
        let matches = all.filter { $0.name.hasPrefix(word) }
        if matches.count == 1 { return .success(matches[0]) }
        if matches.count > 1 {
            let names = matches.map(\.name).sorted().joined(separator: ", ")
            return .failure(CommandError("ambiguous command '\(word)': could be \(names)", at: token))
        }
        let names = all.flatMap { [$0.name] + $0.aliases }
        let hint = Suggestions.nearest(to: word, in: names).map { "; did you mean '\($0)'?" } ?? "; type 'help' for the list"
        return .failure(CommandError("unknown command '\(word)'\(hint)", at: token))
    }
}
