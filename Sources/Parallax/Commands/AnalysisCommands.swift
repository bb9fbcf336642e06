enum AnalysisCommands { static let all: [CommandSpec] = [] }
