import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `vox` process running in the background, for the fault tests: it can be stopped at a
/// failpoint (`VOX_STOP_AT`), signalled, killed and waited for. Standard output and error go
/// to files, so that a stopped process never blocks on a full pipe.
final class VoxProcess {
    let process = Process()
    private let stdoutFile: URL
    private let stderrFile: URL

    init(_ arguments: [String], stopAt failpoint: String? = nil, directory: URL) throws {
        stdoutFile = directory.appendingPathComponent("stdout-\(UUID().uuidString)")
        stderrFile = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = TestSupport.voxBinary
        process.arguments = arguments
        process.currentDirectoryURL = TestSupport.repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["VOX_STOP_AT"] = failpoint
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Waits until the process has stopped itself at its failpoint (state `T` in /proc), or has
    /// exited. A guard of two minutes turns a hang into a failure instead of a stuck suite.
    /// - Returns: true when it is stopped.
    @discardableResult
    func waitUntilStopped() -> Bool {
        for _ in 0..<12_000 {
            if !process.isRunning { return false }
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
               let close = stat.lastIndex(of: ")") {
                let state = stat[stat.index(close, offsetBy: 2)]
                if state == "T" || state == "t" { return true }
            }
            usleep(10_000)
        }
        return false
    }

    func signal(_ number: Int32) {
        kill(pid, number)
    }

    /// Waits for the exit; the status (a signal's number + 128 when killed by it) and the output.
    func finish() -> TestSupport.ProcessResult {
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let stdout = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: stdoutFile)
        try? FileManager.default.removeItem(at: stderrFile)
        return TestSupport.ProcessResult(status: status, stdout: stdout, stderr: stderr)
    }
}
