// swift-tools-version:6.0
// A separate package, only for the loader benchmark (Scripts/bench/load.sh): it times Yams
// on the same scenario files as `parallax check`. Not part of the main Package.swift.
import PackageDescription

let package = Package(
    name: "yams-compare",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .executableTarget(name: "yams-load", dependencies: [.product(name: "Yams", package: "Yams")]),
    ]
)
