// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Parallax",
    // Linux only (Glibc, mallopt, apt packages): CI builds nothing else, so no other
    // platform is declared.
    products: [
        .executable(name: "parallax", targets: ["parallax"]),
        .library(name: "Parallax", targets: ["Parallax"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // libyaml's C parser: the loader reads scenarios through its event API.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        // libedit, with inline C wrappers for its variadic functions.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        // C library functions Glibc does not export (mallopt, memmem).
        .systemLibrary(name: "CLibc"),
        // The pure core: model, loading, language, session, analysis, output, scripts.
        .target(name: "Parallax", dependencies: ["CYAML", "CLibc"]),
        // The interactive shell over libedit.
        .target(name: "ParallaxREPL", dependencies: ["Parallax", "CEditLine"]),
        // Turns seeds/*.yaml into Swift source so the binary carries its bundled scenario.
        .executableTarget(name: "SeedEmbedder"),
        .plugin(name: "EmbedSeeds", capability: .buildTool(), dependencies: ["SeedEmbedder"]),
        // Records the git commit the binary is built from, for `parallax --version`.
        .plugin(name: "EmbedCommit", capability: .buildTool()),
        .executableTarget(
            name: "parallax",
            dependencies: [
                "Parallax", "ParallaxREPL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["EmbedSeeds", "EmbedCommit"]
        ),
        // In-process timings of commands on large generated scenarios (Scripts/bench/).
        .executableTarget(name: "command-bench", dependencies: ["Parallax"], path: "Scripts/bench/CommandBench"),
        // libFuzzer entry points for the loader, the command line, the script runner, the
        // filter language and the script runner across sourced files
        // (Scripts/fuzz.sh builds them with -sanitize=fuzzer); a plain build replays saved inputs.
        .target(name: "FuzzSupport", dependencies: ["Parallax"], path: "Fuzz/Support"),
        .executableTarget(name: "FuzzLoader", dependencies: ["FuzzSupport", "Parallax"], path: "Fuzz/Loader"),
        .executableTarget(name: "FuzzCommand", dependencies: ["FuzzSupport", "Parallax"], path: "Fuzz/Command"),
        .executableTarget(name: "FuzzScript", dependencies: ["FuzzSupport", "Parallax"], path: "Fuzz/Script"),
        .executableTarget(name: "FuzzFilter", dependencies: ["FuzzSupport", "Parallax"], path: "Fuzz/Filter"),
        .executableTarget(name: "FuzzSources", dependencies: ["FuzzSupport", "Parallax"], path: "Fuzz/Sources"),
        // Golden/ holds expected transcripts and Scenarios/ test scenarios, read through #filePath.
        .testTarget(name: "ParallaxTests", dependencies: [
            "Parallax", "ParallaxREPL", .product(name: "PropertyBased", package: "swift-property-based"),
        ], exclude: ["Golden", "Scenarios", "EventData"]),
        // complete-in-zsh.zsh drives zsh's completion on a pseudo-terminal for InstallTests.
        .testTarget(name: "EndToEndTests", dependencies: ["Parallax"], exclude: ["complete-in-zsh.zsh"]),
    ]
)
