import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import VoxPipeline

/// The progress line: what it says, how often it is drawn, and that it appears only when
/// standard error is a terminal — never in a cron log.
@Suite("Progress display")
struct ProgressTests {
    /// A clock the test moves by hand, and the lines drawn.
    final class Recorder: @unchecked Sendable {
        var now = 100.0
        var lines: [String?] = []
    }

    @Test("stage, records, records per second and elapsed time; redrawn at most five times a second")
    func line() {
        let recorder = Recorder()
        let progress = ProgressDisplay(show: { recorder.lines.append($0) }, clock: { recorder.now })
        progress.begin("reading survey")
        #expect(recorder.lines == ["reading survey · 0 records · 0 records/s · 0:00"])
        recorder.now += 0.1
        progress.advance(by: 500)
        #expect(recorder.lines.count == 1, "drawn again within 0.2 s")
        recorder.now += 62.4
        progress.advance(by: 1_249_500)
        #expect(recorder.lines.last == "reading survey · 1,250,000 records · 20,000 records/s · 1:02")
        progress.begin("scoring")
        #expect(recorder.lines.last == "scoring · 0 records · 0 records/s · 1:02")
        progress.finish()
        #expect(recorder.lines.last == .some(nil))
    }

    @Test("a log line written while the progress line shows erases it first and draws it again below")
    func logLines() throws {
        var descriptors: [Int32] = [0, 0]
        try #require(pipe(&descriptors) == 0)
        let sink = StandardErrorSink(descriptor: descriptors[1])
        sink.setStatus("reading · 1 records")
        sink.writeLine("vox: warning: something\n")
        sink.setStatus(nil)
        close(descriptors[1])
        let output = FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true).readDataToEndOfFile()
        #expect(String(decoding: output, as: UTF8.self)
            == "reading · 1 records\r\u{1B}[Kvox: warning: something\nreading · 1 records\r\u{1B}[K")
    }

    static let run = ["run", TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml").path, "--as-of", "2026-01-01"]

    @Test("standard error to a pipe or file (cron): log lines only, no progress line")
    func notOnPipes() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try TestSupport.runVox(Self.run + ["--out", out.appendingPathComponent("o").path])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("records/s"))
        #expect(!result.stderr.contains("\r"))
        #expect(result.stderr.contains("vox: info: read source"))
    }

    @Test("standard error to a terminal: the progress line shows, and is cleared at the end")
    func onTerminal() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let (status, text) = try PseudoTerminal.runVox(Self.run + ["--out", out.appendingPathComponent("o").path])
        #expect(status == 0)
        #expect(text.contains("reading survey · "), "\(text)")
        #expect(text.contains("records/s"))
        #expect(text.hasSuffix("\r\u{1B}[K"), "the progress line is cleared at the end")
    }

    @Test("--quiet on a terminal: no progress line either")
    func quietOnTerminal() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let (status, text) = try PseudoTerminal.runVox(Self.run + ["--out", out.appendingPathComponent("o").path, "--quiet"])
        #expect(status == 0)
        #expect(text.isEmpty, "\(text)")
    }
}

/// A pseudo-terminal for the tests, opened through libc functions Swift's Glibc module does not
/// declare (`posix_openpt`, `grantpt`, `unlockpt`, `ptsname`), looked up by name.
struct PseudoTerminal {
    let master: Int32
    let path: String

    init?() {
        typealias Open = @convention(c) (Int32) -> Int32
        typealias Call = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        guard let open = dlsym(nil, "posix_openpt"), let grant = dlsym(nil, "grantpt"),
              let unlock = dlsym(nil, "unlockpt"), let name = dlsym(nil, "ptsname") else { return nil }
        let master = unsafeBitCast(open, to: Open.self)(O_RDWR | O_NOCTTY)
        guard master >= 0, unsafeBitCast(grant, to: Call.self)(master) == 0, unsafeBitCast(unlock, to: Call.self)(master) == 0,
              let path = unsafeBitCast(name, to: Name.self)(master) else { return nil }
        self.master = master
        self.path = String(cString: path)
    }

    /// Runs `vox` with standard error on the terminal; returns its status and what it wrote there.
    static func runVox(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let terminal = try #require(PseudoTerminal())
        defer { close(terminal.master) }
        let process = Process()
        process.executableURL = TestSupport.voxBinary
        process.arguments = arguments
        process.standardError = FileHandle(forWritingAtPath: terminal.path)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Our copy of the terminal's end goes, so that reading ends (EIO) when the child exits.
        process.standardError = nil
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(terminal.master, &buffer, buffer.count)
            if count <= 0 { break }
            output.append(contentsOf: buffer[..<count])
        }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
