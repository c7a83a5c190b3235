import Foundation
import Testing
@testable import VoxPipeline

/// The end of a run writes records.jsonl on a second thread beside the reports: its effects must
/// be complete once `wait` returns, and its error must reach the run.
@Suite("Background work")
struct BackgroundWorkTests {
    struct Failed: Error, Equatable {}

    /// Set by the work before it ends; `wait` orders the read after the write.
    final class Flag: @unchecked Sendable {
        var value = false
    }

    @Test("wait returns the work's value, again when asked again (a run waits once more on every way out)")
    func value() throws {
        let work = BackgroundWork(name: "vox-test") { (1...100).reduce(0, +) }
        #expect(try work.wait() == 5050)
        #expect(try work.wait() == 5050)
    }

    @Test("wait returns after the work has run, on another thread")
    func runs() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vox-background-\(getpid())").path
        defer { unlink(path) }
        let callerThread = pthread_self()
        let ranElsewhere = Flag()
        let work = BackgroundWork(name: "vox-test") {
            ranElsewhere.value = pthread_equal(pthread_self(), callerThread) == 0
            usleep(20_000)
            try "done".write(toFile: path, atomically: false, encoding: .utf8)
        }
        try work.wait()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "done")
        #expect(ranElsewhere.value)
    }

    @Test("the work's error is thrown by wait")
    func waitThrows() {
        let work = BackgroundWork(name: "vox-test") { throw Failed() }
        #expect(throws: Failed.self) { try work.wait() }
    }
}
