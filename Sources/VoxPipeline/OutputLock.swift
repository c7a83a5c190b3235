import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on one output directory, so that two runs never write the same outputs.
///
/// It is a `flock` on a lock file, not the file's existence: the kernel releases it when the
/// holder exits, however it exits (SIGKILL included), so a lock left by a killed run is taken
/// over by the next one without anyone cleaning up. The holder writes its pid and start time
/// into the file so that a refused run can say who holds it.
public final class OutputLock {
    public let path: String
    private var descriptor: Int32

    /// The lock is held by another process (exit 4).
    public struct Held: Error, Sendable, CustomStringConvertible {
        /// The output directory the lock guards, as shown to the user.
        public var directory: String
        public var lockFile: String
        /// What the holder wrote: its pid and start time, or nil when it has not written them yet.
        public var holder: String?

        public var description: String {
            let who = holder.map { "held by \($0)" } ?? "held by a run that has just started"
            return "another vox run is writing \(directory): lock \(lockFile) is \(who); this run did nothing"
        }
    }

    /// Takes the lock at `path` without waiting, creating the file if needed.
    /// - Throws: `Held` when another process holds it; `OutputError` when the file cannot be
    ///   created or locked.
    public init(path: String, guarding directory: String, startedAt: String) throws {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if descriptor < 0 { throw OutputError.system(path, errno: errno, doing: "cannot open the lock file") }
        var result: Int32
        repeat { result = flock(descriptor, LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
        if result != 0 {
            let code = errno
            let holder = Self.holder(descriptor)
            close(descriptor)
            descriptor = -1
            if code == EWOULDBLOCK { throw Held(directory: directory, lockFile: path, holder: holder) }
            throw OutputError.system(path, errno: code, doing: "cannot lock")
        }
        // The file is ours now; replace a dead holder's note with ours.
        let note = "pid \(getpid()), started \(startedAt)\n"
        ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit { release() }

    /// Gives the lock up (also done on deinit and, by the kernel, on exit).
    public func release() {
        guard descriptor >= 0 else { return }
        // The note goes first: a reader seeing an empty file knows nobody is writing.
        ftruncate(descriptor, 0)
        close(descriptor)
        descriptor = -1
    }

    private static func holder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
