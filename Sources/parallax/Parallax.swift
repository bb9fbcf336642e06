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
            // Decoded so that a file name that is not UTF-8 still opens (see `RawText`).
            let arguments = (0..<Int(CommandLine.argc)).map { i in
                CommandLine.unsafeArgv[i].map { RawText.decode(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) } ?? ""
            }
            // `--generate-completion-script`: this tool's own scripts (`CompletionTree`), not
            // the ones the argument parser would print for the flag.
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

/// The bundled scenarios, embedded at build time from seeds/.
enum BundledScenario {
    static let name = Builtin.defaultName + ".yaml"
    /// How the bundled copy is named in `info` and messages; `reload` knows it by the prefix.
    static let path = Builtin.displayPath(Builtin.defaultName)

    static func load() throws(LoadFailure) -> Scenario {
        try ScenarioLoader.load(bytes: file(Builtin.defaultName) ?? [], path: path)
    }

    /// The bytes of `builtin:NAME`.
    static func file(_ name: String) -> [UInt8]? {
        BundledSeeds.files.first { $0.name == name + ".yaml" }?.bytes
    }

    static var names: [String] {
        BundledSeeds.files.map(\.name).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
    }

    /// An environment that knows the bundled scenarios.
    static func environment() -> Environment {
        var environment = Environment()
        environment.bundledFile = file
        environment.bundledNames = names
        return environment
    }
}
