import Foundation

/// Writes output files so that a reader never sees half of one: each file goes to a temporary
/// name in the same directory and is renamed over the old one.
struct OutputWriter {
    var directory: String

    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    /// - Returns: the paths written.
    @discardableResult
    func write(_ files: [(name: String, contents: String)]) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: directory, reason: Self.reason(error))
        }
        var written: [String] = []
        for (name, contents) in files {
            let target = directory + "/" + name
            let temporary = directory + "/.\(name).tmp-\(getpid())"
            do {
                try Data(contents.utf8).write(to: URL(fileURLWithPath: temporary))
            } catch {
                try? FileManager.default.removeItem(atPath: temporary)
                throw WriteError(path: target, reason: Self.reason(error))
            }
            guard rename(temporary, target) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: temporary)
                throw WriteError(path: target, reason: reason)
            }
            written.append(target)
        }
        return written
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
