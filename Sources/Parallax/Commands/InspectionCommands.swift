enum InspectionCommands { static let all: [CommandSpec] = [] }
