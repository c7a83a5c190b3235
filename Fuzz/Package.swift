// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets, one per reader and one for the pipeline-file parser. Kept out of the main
// package so that `swift build` and `swift test` never see them; built only by `make fuzz`:
//   swift build -c debug --scratch-path ../.build-fuzz -Xswiftc -sanitize=fuzzer,address \
//     -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
// (lld: gold fails on the sanitizers' objects). Each target defines `LLVMFuzzerTestOneInput` and
// its `<Target>_main`, which SwiftPM links as `main`, hands control to libFuzzer's driver.
let package = Package(
    name: "VoxFuzz",
    dependencies: [.package(name: "Vox", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", .product(name: "VoxPipeline", package: "Vox")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzJSON", dependencies: ["FuzzSupport", .product(name: "VoxPipeline", package: "Vox")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzXML", dependencies: ["FuzzSupport", .product(name: "VoxPipeline", package: "Vox")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzPipeline", dependencies: ["FuzzSupport", .product(name: "VoxPipeline", package: "Vox")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
