import Foundation
import VoxModel
#if canImport(Glibc)
import Glibc
#endif

/// Standard error, shared by log lines and the progress line. On a terminal the progress line is
/// redrawn in place (`\r`, erase to end of line); a log line first erases it and then redraws it
/// below, so the two never garble each other. Nothing here writes to standard output.
public final class StandardErrorSink: @unchecked Sendable {
    public static let shared = StandardErrorSink(descriptor: STDERR_FILENO)

    private let lock = NSLock()
    private let descriptor: Int32
    private var status: String?

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// True when standard error is a terminal: a person is watching, not a cron log.
    public static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes one complete line (ending in a newline), keeping the progress line below it.
    public func writeLine(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        if status != nil { emit("\r\u{1B}[K") }
        emit(line)
        if let status { emit(status) }
    }

    /// Shows `text` as the progress line, or removes it (nil).
    public func setStatus(_ text: String?) {
        lock.lock()
        defer { lock.unlock() }
        if status != nil { emit("\r\u{1B}[K") }
        if let text { emit(text) }
        status = text
    }

    private func emit(_ text: String) {
        text.withUTF8Bytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return  // Standard error is gone; there is nobody to tell.
                }
                offset += count
            }
        }
    }
}
