import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import VoxPipeline

/// The run's operational envelope, tested on the real binary: a run killed with SIGKILL at each
/// failpoint, two runs on one directory, SIGINT and SIGTERM, and a write that fails. After each,
/// the previous outputs must be exactly as they were and the next run must succeed.
@Suite("Faults: kill -9, the lock, signals, failing writes")
struct FaultTests {
    static let demo = TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml").path

    /// Every file a reader finds in the output directory, by name.
    static func snapshot(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    static func trendDate(_ directory: URL) throws -> String? {
        let data = try Data(contentsOf: directory.appendingPathComponent("trend.json"))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["as_of"] as? String
    }

    /// What killed runs may leave, which the next run must have cleared.
    static func leftovers(_ out: URL) throws -> [String] {
        let runs = try FileManager.default.contentsOfDirectory(atPath: out.path + ".runs").filter { $0.hasPrefix(".") }
        let parent = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".") }
        return runs + parent
    }

    @Test("kill -9 at any point leaves the previous outputs intact; the next run succeeds and clears the leftovers",
          arguments: ["locked", "reading", "scoring", "writing", "versioned", "switched"])
    func killed(at failpoint: String) throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let first = try TestSupport.runVox(["run", Self.demo, "--out", out.path, "--as-of", "2026-01-01", "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Self.snapshot(out)
        #expect(before.keys.contains("report.md") && before.keys.contains("trend.json"))

        let victim = try VoxProcess(["run", Self.demo, "--out", out.path, "--as-of", "2026-01-02", "--quiet"],
                                    stopAt: failpoint, directory: root)
        try #require(victim.waitUntilStopped(), "the run never reached \(failpoint)")
        let during = try Self.snapshot(out)
        victim.signal(SIGKILL)
        #expect(victim.finish().status == 128 + SIGKILL)
        let after = try Self.snapshot(out)

        if failpoint == "switched" {
            // The link was switched: readers see the new run, complete.
            #expect(Set(after.keys) == Set(before.keys))
            #expect(try Self.trendDate(out) == "2026-01-02")
        } else {
            #expect(during == before, "a reader saw changed outputs while the run was stopped at \(failpoint)")
            #expect(after == before, "the outputs changed after a kill at \(failpoint)")
        }
        #expect(Set(after.keys).isSubset(of: OutputDirectory.outputNames), "a temporary file is where readers look")

        let next = try TestSupport.runVox(["run", Self.demo, "--out", out.path, "--as-of", "2026-01-03", "--quiet"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Self.trendDate(out) == "2026-01-03")
        #expect(try Self.leftovers(out).isEmpty)
    }

    @Test("a second run on the same directory exits 4 at once naming the holder; a killed holder's lock is taken over")
    func lock() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let holder = try VoxProcess(["run", Self.demo, "--out", out.path, "--quiet"], stopAt: "locked", directory: root)
        try #require(holder.waitUntilStopped())

        let second = try TestSupport.runVox(["run", Self.demo, "--out", out.path, "--quiet"])
        #expect(second.status == 4)
        #expect(second.stderr.contains("pid \(holder.pid), started 20"), "\(second.stderr)")
        #expect(second.stderr.contains(out.path))
        #expect(second.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.path), "the refused run wrote outputs")

        holder.signal(SIGKILL)
        _ = holder.finish()
        let third = try TestSupport.runVox(["run", Self.demo, "--out", out.path, "--as-of", "2026-01-01", "--quiet"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.md").path))
    }

    @Test("SIGINT and SIGTERM stop the run: exit 1 with a message, nothing written, lock released",
          arguments: [SIGINT, SIGTERM])
    func interrupted(by signal: Int32) throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let pipeline = root.appendingPathComponent("big.yml")
        try TestSupport.write("""
            name: big
            sources:
              - {name: survey, format: csv, path: survey.csv, fields: {id: id, text: comment}}
            outputs: {directory: out}
            """, to: pipeline)
        let csv = root.appendingPathComponent("survey.csv")
        try TestSupport.write("id,comment\n1,The parcel came late\n2,Great service\n", to: csv)
        let out = root.appendingPathComponent("out")
        #expect(try TestSupport.runVox(["run", pipeline.path, "--as-of", "2026-01-01", "--quiet"]).status == 0)
        let before = try Self.snapshot(out)

        // Enough records that the run is still reading when it sees the signal.
        var rows = "id,comment\n"
        for index in 0..<200_000 { rows += "\(index),The courier left parcel \(index) at the wrong door again\n" }
        try TestSupport.write(rows, to: csv)
        let run = try VoxProcess(["run", pipeline.path, "--as-of", "2026-01-02"], stopAt: "reading", directory: root)
        try #require(run.waitUntilStopped())
        run.signal(signal)
        run.signal(SIGCONT)
        let result = run.finish()
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        #expect(result.status == 1)
        #expect(result.stderr.contains("interrupted by \(name)"), "\(result.stderr)")
        #expect(result.stderr.contains("previous ones are intact"))
        #expect(result.stdout.isEmpty)
        #expect(try Self.snapshot(out) == before)
        #expect(try Self.leftovers(out).isEmpty)
        // The lock went with the run.
        let lockFile = out.path + ".runs/lock"
        let descriptor = open(lockFile, O_RDWR)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
    }

    @Test("a write that fails exits 1 naming the file; the previous outputs stay and no staging is left")
    func failedWrite() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        #expect(try TestSupport.runVox(["run", Self.demo, "--out", out.path, "--as-of", "2026-01-01", "--quiet"]).status == 0)
        let before = try Self.snapshot(out)
        // A file size limit of 4 KB makes the first large output fail with EFBIG, even for root:
        // records.jsonl, which is written while the records are scored.
        let shell = "ulimit -f 8; exec \"$0\" run \"$1\" --out \"$2\" --as-of 2026-01-02 --quiet"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", shell, TestSupport.voxBinary.path, Self.demo, out.path]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(message)")
        #expect(message.contains("cannot write records.jsonl"), "\(message)")
        #expect(message.contains(out.path))
        #expect(try Self.snapshot(out) == before)
        #expect(try Self.leftovers(out).isEmpty)
    }

    @Test("an output directory that cannot be created is an error naming it; exit 1")
    func uncreatable() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("file")
        try TestSupport.write("not a directory\n", to: file)
        let out = file.appendingPathComponent("out")
        let result = try TestSupport.runVox(["run", Self.demo, "--out", out.path, "--quiet"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(out.path) && result.stderr.contains("Not a directory"), "\(result.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == "not a directory\n")
    }
}
