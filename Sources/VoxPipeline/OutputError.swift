import Foundation

/// A failure to lock, write or switch the outputs, naming the path that failed and what to do.
/// The run exits 1 on it; the previous outputs are untouched because nothing is switched until
/// every file has been written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// What the operator can do about it; empty when the reason says it all.
    public var advice: String

    public init(path: String, reason: String, advice: String = "") {
        self.path = path
        self.reason = reason
        self.advice = advice
    }

    /// An error for a failed system call, with `strerror(errno)` as the reason and advice for the
    /// usual causes (full disk, read-only file system, permissions).
    static func system(_ path: String, errno code: Int32, doing action: String) -> OutputError {
        let reason = "\(action): \(String(cString: strerror(code)))"
        let advice: String
        switch code {
        case ENOSPC, EDQUOT: advice = "free some space on that file system; the previous outputs are intact"
        case EROFS: advice = "the file system is mounted read-only; choose another output directory"
        case EACCES, EPERM: advice = "check that the user running vox may write there"
        default: advice = ""
        }
        return OutputError(path: path, reason: reason, advice: advice)
    }

    public var description: String {
        advice.isEmpty ? "\(path): \(reason)" : "\(path): \(reason) (\(advice))"
    }
}
