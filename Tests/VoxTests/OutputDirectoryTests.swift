import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import VoxPipeline

/// The versioned output directory: the link readers follow, the versions kept, taking over a
/// directory written before, refusing one that is not Vox's, and never writing through a link.
@Suite("Output directory")
struct OutputDirectoryTests {
    static func run(_ out: URL, asOf: String, pipeline: String = "pipelines/mini.yml", history: String? = nil, keep: Int? = nil) throws -> PipelineRunner.Outcome {
        var config = try PipelineParser().parse(contentsOf: TestSupport.fixture(pipeline))
        if let history { config.outputs.history = history }
        if let keep { config.outputs.keepRuns = keep }
        return try PipelineRunner(config: config, options: RunOptions(outputDirectory: out.path, asOf: asOf)).run()
    }

    static func link(_ url: URL) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)
    }

    static func versions(_ out: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: out.path + ".runs").filter { $0.first?.isNumber == true }.sorted()
    }

    @Test("DIR is a link to the newest version in DIR.runs; only the newest keep_runs versions stay")
    func versionsAndPruning() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        for day in 1...5 { _ = try Self.run(out, asOf: "2026-01-0\(day)", keep: 2) }
        let versions = try Self.versions(out)
        #expect(versions.count == 2)
        #expect(versions.map { String($0.prefix(7)) } == ["000004-", "000005-"])
        #expect(Self.link(out) == "out.runs/" + versions[1])
        let trend = try String(contentsOf: out.appendingPathComponent("trend.json"), encoding: .utf8)
        #expect(trend.contains("2026-01-05"))
        // The previous trend.json was read through the link: the report compares with it.
        let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("Changes are since the run of **2026-01-04**"))
    }

    @Test("pruning never removes the version DIR points to, even when newer versions exist")
    func pruningKeepsCurrent() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        _ = try Self.run(out, asOf: "2026-01-01", keep: 1)
        let current = try #require(Self.link(out))
        // Versions a killed run completed but never switched to.
        for number in 7...8 {
            try FileManager.default.createDirectory(atPath: out.path + ".runs/00000\(number)-20260101T000000Z", withIntermediateDirectories: false)
        }
        let directory = try OutputDirectory(path: out.path, keep: 1)
        directory.prune()
        #expect(try Self.versions(out) == [String(current.dropFirst("out.runs/".count)), "000008-20260101T000000Z"])
    }

    @Test("a real directory of earlier outputs is taken over: its files become the previous version and are compared with")
    func takeOver() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        // A directory as older Vox versions left it: plain files, plus a temporary one.
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let old = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: old) }
        _ = try Self.run(old.appendingPathComponent("o"), asOf: "2025-12-31")
        for name in try FileManager.default.contentsOfDirectory(atPath: old.appendingPathComponent("o").path) {
            try FileManager.default.copyItem(at: old.appendingPathComponent("o/\(name)"), to: out.appendingPathComponent(name))
        }
        try TestSupport.write("half", to: out.appendingPathComponent(".report.md.tmp-99"))
        let outcome = try Self.run(out, asOf: "2026-01-01")
        #expect(outcome.result.previous?.asOf == "2025-12-31")
        #expect(Self.link(out)?.hasPrefix("out.runs/000002-") == true)
        let versions = try Self.versions(out)
        #expect(versions.first == "000001-previous")
        let kept = try FileManager.default.contentsOfDirectory(atPath: out.path + ".runs/000001-previous")
        #expect(kept.contains("trend.json"))
    }

    @Test("an empty real directory is replaced by the link and leaves no version behind")
    func takeOverEmpty() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        _ = try Self.run(out, asOf: "2026-01-01")
        #expect(try Self.versions(out).count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["out", "out.runs"])
    }

    @Test("a directory holding other files, a file, or a foreign link is refused before anything is written",
          arguments: ["foreign-file", "regular-file", "foreign-link"])
    func refused(_ kind: String) throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let expected: String
        switch kind {
        case "foreign-file":
            try TestSupport.write("keep me", to: out.appendingPathComponent("notes.txt"))
            expected = "holds files vox did not write (`notes.txt`)"
        case "regular-file":
            try TestSupport.write("keep me", to: out)
            expected = "exists and is not a directory"
        default:
            try FileManager.default.createDirectory(at: root.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: out.path, withDestinationPath: root.appendingPathComponent("elsewhere").path)
            expected = "is a symbolic link to `\(root.path)/elsewhere`, which vox did not make"
        }
        let error = try #require(throws: OutputError.self) { try Self.run(out, asOf: "2026-01-01") }
        #expect(error.path == out.path)
        #expect(error.description.contains(expected), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: out.path + ".runs"))
        if kind == "foreign-file" {
            #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        }
    }

    @Test("DIR.runs planted as a link elsewhere is refused: versions are never written through a link")
    func runsLink() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let out = root.appendingPathComponent("out")
        try FileManager.default.createSymbolicLink(atPath: out.path + ".runs", withDestinationPath: elsewhere.path)
        let error = try #require(throws: OutputError.self) { try Self.run(out, asOf: "2026-01-01") }
        #expect(error.path == out.path + ".runs")
        #expect(error.description.contains("is a symbolic link"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test("outputs.history inside the output directory is refused: each run replaces that directory")
    func historyInside() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let error = try #require(throws: OutputError.self) {
            try Self.run(out, asOf: "2026-01-01", history: out.appendingPathComponent("history").path)
        }
        #expect(error.description.contains("outputs.history is inside the output directory"))
    }

    @Test("writes never follow a link planted where an output goes: not in the history, not in a taken-over directory")
    func plantedLinks() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let victim = root.appendingPathComponent("victim.txt")
        try TestSupport.write("precious", to: victim)
        let history = root.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: history, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: history.appendingPathComponent("trend-2026-01-01.json").path, withDestinationPath: victim.path)
        try FileManager.default.createSymbolicLink(atPath: history.appendingPathComponent(".trend-2026-01-01.json.tmp-\(getpid())").path, withDestinationPath: victim.path)
        let out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("report.md").path, withDestinationPath: victim.path)

        _ = try Self.run(out, asOf: "2026-01-01", history: history.path)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
        let attributes = try FileManager.default.attributesOfItem(atPath: history.appendingPathComponent("trend-2026-01-01.json").path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        let report = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("report.md").path)
        #expect(report[.type] as? FileAttributeType == .typeRegular)
    }

    @Test("leftovers of killed runs are cleared: staging directories, a link and a directory caught mid-take-over")
    func recovery() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        _ = try Self.run(out, asOf: "2026-01-01")
        try TestSupport.write("partial", to: URL(fileURLWithPath: out.path + ".runs/.staging-4242/report.md"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(".out.swap-4243").path, withDestinationPath: "out.runs/x")
        try TestSupport.write("old report", to: root.appendingPathComponent(".out.swap-4244/report.md"))
        _ = try Self.run(out, asOf: "2026-01-02")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["out", "out.runs"])
        let runs = try FileManager.default.contentsOfDirectory(atPath: out.path + ".runs")
        #expect(!runs.contains { $0.hasPrefix(".staging-") })
        let previous = try #require(runs.first { $0.hasSuffix("-previous") })
        #expect(try String(contentsOfFile: out.path + ".runs/\(previous)/report.md", encoding: .utf8) == "old report")
    }

    @Test("outputs.keep_runs is read from the pipeline file and checked")
    func keepRunsOption() throws {
        let good = try PipelineParser().parse("""
            name: k
            sources: [{name: s, format: csv, path: s.csv, fields: {text: t}}]
            outputs: {directory: out, keep_runs: 7}
            """, file: "k.yml", baseDirectory: "/tmp")
        #expect(good.outputs.keepRuns == 7)
        #expect(throws: PipelineErrors.self) {
            try PipelineParser().parse("""
                name: k
                sources: [{name: s, format: csv, path: s.csv, fields: {text: t}}]
                outputs: {directory: out, keep_runs: 0}
                """, file: "k.yml", baseDirectory: "/tmp")
        }
    }
}
