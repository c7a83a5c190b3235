// swift-tools-version: 6.1
import PackageDescription

// Targets follow the one-way stage order in docs/ARCHITECTURE.md:
// VoxModel ← VoxText ← {VoxIngest, VoxScoring, VoxAggregate} ← VoxReport ← VoxPipeline ← vox.
let package = Package(
    name: "Vox",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vox", targets: ["vox"]),
        .library(name: "VoxPipeline", targets: ["VoxPipeline"]),
        // Generated benchmark inputs, shared by vox-bench and the micro-benchmarks in Benchmarks/.
        .library(name: "VoxBenchData", targets: ["VoxBenchData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // gzip-compressed inputs are read through the system zlib.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "VoxModel"),
        // Generated from lexicons/ by scripts/embed-lexicons.sh: the defaults ship inside the binary.
        .target(name: "VoxLexicons"),
        .target(name: "VoxText", dependencies: ["VoxModel", "VoxLexicons"]),
        .target(name: "VoxIngest", dependencies: ["VoxModel", "VoxText", "CLibXML2", "CZlib"]),
        .target(name: "VoxScoring", dependencies: ["VoxModel", "VoxText", "VoxLexicons"]),
        .target(
            name: "VoxAggregate",
            dependencies: ["VoxModel", "VoxText", "VoxLexicons", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "VoxReport", dependencies: ["VoxModel", "VoxText"]),
        .target(
            name: "VoxPipeline",
            dependencies: [
                "VoxModel", "VoxText", "VoxIngest", "VoxScoring", "VoxAggregate", "VoxReport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "vox",
            dependencies: [
                "VoxPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks on generated inputs (`make bench-readers`); not part of the product.
        // Deterministic synthetic feedback and agent replies (`make bench`, Benchmarks/).
        .target(name: "VoxBenchData", dependencies: ["VoxModel", "VoxText", "VoxScoring"]),
        .executableTarget(name: "vox-bench", dependencies: ["VoxBenchData", "VoxIngest", "VoxModel", "VoxText", "VoxScoring"]),
        .testTarget(
            name: "VoxTests",
            dependencies: [
                "VoxModel", "VoxText", "VoxLexicons", "VoxIngest", "VoxScoring", "VoxAggregate", "VoxReport", "VoxPipeline", "VoxBenchData",
                // Built so that contract tests can run the real binaries.
                "vox", "vox-bench",
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
