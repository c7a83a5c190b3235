// swift-tools-version: 6.1
import PackageDescription

// Micro-benchmarks of Vox's hot stages with ordo-one/benchmark (`make bench-micro`). Kept out of
// the main package, like Fuzz/, so that `swift build`, `make test` and CI never build the
// benchmark framework; built only here, under Benchmarks/.build. The benchmark plugin finds the
// targets under Benchmarks/ (this package's Benchmarks/ directory).
let package = Package(
    name: "VoxBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Vox", path: ".."),
        // MallocInterposer only: the default RuntimeInterposer trait pulls in a package this
        // machine does not serve, and malloc counts are what these benchmarks report besides time.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "VoxMicroBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VoxPipeline", package: "Vox"),
                .product(name: "VoxBenchData", package: "Vox"),
            ],
            path: "Benchmarks/VoxMicroBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
