import ArgumentParser
import Parallax
import ParallaxREPL
#if canImport(Glibc)
import Glibc
#endif

/// The command line: parsing and wiring only; everything else is in the core and the REPL.
@main
struct ParallaxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parallax",
        abstract: "Step through a crisis event by event and compare each side's narrative.",
        version: BuildInfo.version,
        subcommands: [Open.self, Check.self, Run.self, ImportCommand.self],
        defaultSubcommand: Open.self
    )

    /// Usage errors exit 2 (not ArgumentParser's 64), as the command-language spec says.
    static func main() {
        Memory.keepFreedMemory()
        do {
            // `parallax` alone opens the REPL: with nothing to parse, skip the argument
            // parser, whose reflection-based set-up costs more than loading the scenario.
            // Decoded so that a file name that is not UTF-8 still opens (see `RawText`).
            let arguments = (0..<Int(CommandLine.argc)).map { i in
                CommandLine.unsafeArgv[i].map { RawText.decode(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) } ?? ""
            }
            if arguments.count <= 1 {
                try Open.start(file: nil, commands: nil, settings: Open.defaults())
                return
            }
            // `parallax run SCRIPT` and `parallax check [FILE]` likewise: a replay of a short
            // script or a check should not wait for it.
            if arguments.count == 3 && arguments[1] == "run" && !arguments[2].hasPrefix("-") {
                try Run.start(script: arguments[2])
                return
            }
            if arguments[1] == "check" && (arguments.count == 2 || (arguments.count == 3 && !arguments[2].hasPrefix("-"))) {
                try Check.start(file: arguments.count == 3 ? arguments[2] : nil)
                return
            }
            if let script = CompletionTree.script(for: arguments) {
                print(script)
                return
            }
            var command = try parseAsRoot(Array(arguments.dropFirst()))
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Glibc.exit(0)
            }
            if !message.isEmpty { Console.err(message + "\n") }
            Glibc.exit(code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// What `--version` prints: the version and the commit the binary was built from.
enum BuildInfo {
    static var version: String {
        let commit = BuildCommit.id.map { "commit \($0)" } ?? "built outside a git checkout: commit unknown"
        return "parallax \(ParallaxVersion.string) (\(commit))"
    }
}

/// The bundled default scenario, embedded at build time from seeds/.
enum BundledScenario {
    static let name = "armenia-azerbaijan-2021-11.yaml"
    /// How the bundled copy is named in `info` and messages; `reload` knows it by the prefix.
    static let path = "(bundled) seeds/" + name

    static func load() throws(LoadFailure) -> Scenario {
        let bytes = BundledSeeds.files.first { $0.name == name }?.bytes ?? []
        return try ScenarioLoader.load(bytes: bytes, path: path)
    }
}
