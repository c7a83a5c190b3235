import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Named points in a run where the fault tests stop the process, to kill it there with SIGKILL
/// and check that the previous outputs survive. With `VOX_STOP_AT=NAME` in the environment, the
/// run sends itself SIGSTOP on reaching NAME; without it, nothing happens.
///
/// Points, in run order: `locked` (lock taken, nothing read), `reading` (first records read),
/// `scoring` (first chunk scored), `writing` (first file staged), `versioned` (staging renamed
/// to a version, link not yet switched), `switched` (link switched, old versions not yet pruned).
enum Failpoint {
    static let stopAt: String? = ProcessInfo.processInfo.environment["VOX_STOP_AT"]

    static func reach(_ name: String) {
        if stopAt == name { raise(SIGSTOP) }
    }
}
