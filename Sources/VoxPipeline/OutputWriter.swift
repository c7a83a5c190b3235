import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files one at a time into a directory that is not switched as a whole (the history
/// directory): each file goes to a new temporary name and is renamed over the old one, so a
/// reader never sees half of it. Neither step follows a symbolic link planted in the directory:
/// the temporary file is created with `O_EXCL | O_NOFOLLOW`, and `rename` replaces a link
/// rather than writing through it.
struct OutputWriter {
    var directory: String

    /// - Returns: the paths written.
    @discardableResult
    func write(_ files: [(name: String, contents: String)]) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: directory, reason: "cannot create the directory: \(OutputDirectory.reason(error))")
        }
        var written: [String] = []
        for (name, contents) in files {
            let target = directory + "/" + name
            let temporary = directory + "/.\(name).tmp-\(getpid())"
            unlink(temporary)
            try OutputFile.write(contents, to: temporary)
            guard rename(temporary, target) == 0 else {
                let code = errno
                unlink(temporary)
                throw OutputError.system(target, errno: code, doing: "cannot rename into place")
            }
            written.append(target)
        }
        OutputFile.syncDirectory(directory)
        return written
    }
}
