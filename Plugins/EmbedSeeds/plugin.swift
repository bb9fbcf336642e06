import PackagePlugin
import Foundation

/// Generates `BundledSeeds.swift` from `seeds/*.yaml`, so the binary carries its default
/// scenario wherever it is copied, while `seeds/` stays the one place the scenario is edited.
@main
struct EmbedSeeds: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let seeds = context.package.directoryURL.appending(path: "seeds")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []
        let inputs = names.filter { $0.hasSuffix(".yaml") }.sorted().map { seeds.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledSeeds.swift")
        return [.buildCommand(
            displayName: "Embedding \(inputs.count) bundled scenario(s)",
            executable: try context.tool(named: "SeedEmbedder").url,
            arguments: [output.path] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }
}
