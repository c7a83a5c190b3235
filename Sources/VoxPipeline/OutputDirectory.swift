import Foundation
import VoxReport
#if canImport(Glibc)
import Glibc
#endif

/// The output directory of a pipeline, switched as a whole at the end of each run.
///
/// Readers use `DIR/report.md` as the contract says; `DIR` is a symbolic link to the current
/// run's directory in the sibling `DIR.runs/`:
///
///     out/demo -> demo.runs/000042-20260101T031500Z
///     out/demo.runs/lock                          the flock (pid and start time inside)
///     out/demo.runs/000041-20251231T031500Z/      the previous run, kept
///     out/demo.runs/.staging-1234/                a run writing (never where readers look)
///
/// A run writes every file into a staging directory, renames it to a numbered version, and
/// switches the link with one `rename(2)` of a new link over the old one. A reader sees the
/// previous set of files or the new one, never a mix and never a partial file; a run killed at
/// any moment leaves the link on the previous version, and the next run clears its leftovers.
/// The newest `keep` versions stay (and always the current one).
///
/// A `DIR` that is still a real directory (written by a Vox before this layout, or created empty
/// by a script) is taken over on the first run: the link is exchanged with it atomically
/// (`renameat2` with `RENAME_EXCHANGE`) and its files become an earlier version. Only a directory
/// holding nothing but Vox's output files is taken over; anything else is refused, so that
/// `--out ~` cannot move a home directory aside.
public struct OutputDirectory: Sendable {
    /// Where readers look (`DIR`), absolute.
    public let path: String
    /// `DIR.runs`, holding the lock file and the versions.
    public let runsPath: String
    /// Versions kept, the current one included.
    public let keep: Int

    /// The names Vox writes into an output directory (a real directory holding only these, plus
    /// leftover temporary files, may be taken over).
    public static let outputNames: Set<String> = Set([
        "report.md", "report.json", "report.html", "records.jsonl", "records.csv", "rejects.jsonl", "trend.json",
    ]).union(ReportSections.chartFileNames)

    public init(path: String, keep: Int = 3) throws {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        let name = (path as NSString).lastPathComponent
        guard path.hasPrefix("/"), !name.isEmpty, name != "/", name != ".", name != ".." else {
            throw OutputError(path: path, reason: "is not usable as an output directory",
                              advice: "name a directory of its own, such as out/NAME")
        }
        self.path = path
        self.runsPath = path + ".runs"
        self.keep = max(1, keep)
    }

    var name: String { (path as NSString).lastPathComponent }
    var parent: String { (path as NSString).deletingLastPathComponent }
    var lockPath: String { runsPath + "/lock" }

    // MARK: lock and recovery

    /// Creates `DIR.runs` if needed and takes the lock in it.
    /// - Throws: `OutputLock.Held` (exit 4) or `OutputError`.
    public func lock(startedAt: String) throws -> OutputLock {
        do {
            try FileManager.default.createDirectory(atPath: runsPath, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: runsPath, reason: "cannot create the output directory: \(Self.reason(error))",
                              advice: "check that the parent directory exists and that vox may write there")
        }
        var info = stat()
        guard lstat(runsPath, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw OutputError(path: runsPath, reason: "is a symbolic link or not a directory",
                              advice: "vox keeps its versions in a real directory beside the outputs; remove it")
        }
        return try OutputLock(path: lockPath, guarding: path, startedAt: startedAt)
    }

    /// What `DIR` is now. Checked before a run does any work, so that a run that could not
    /// switch its outputs fails at once rather than after reading everything.
    public enum Target: Sendable, Equatable {
        case absent
        /// A link into `DIR.runs` (the version it names).
        case link(String)
        /// A real directory holding only Vox outputs (empty or not).
        case directory(empty: Bool)
    }

    public func target() throws -> Target {
        var info = stat()
        if lstat(path, &info) != 0 {
            if errno == ENOENT { return .absent }
            throw OutputError.system(path, errno: errno, doing: "cannot inspect the output directory")
        }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? ""
            let prefix = name + ".runs/"
            let version = destination.hasPrefix(prefix) ? String(destination.dropFirst(prefix.count)) : ""
            guard !version.isEmpty, !version.contains("/") else {
                throw OutputError(
                    path: path, reason: "is a symbolic link to `\(destination)`, which vox did not make",
                    advice: "vox switches this link itself on every run; point the output directory at `\(destination)` or remove the link"
                )
            }
            return .link(version)
        case S_IFDIR:
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let foreign = entries.filter { !Self.outputNames.contains($0) && !Self.isTemporaryName($0) }.sorted()
            guard foreign.isEmpty else {
                let shown = foreign.prefix(5).map { "`\($0)`" }.joined(separator: ", ") + (foreign.count > 5 ? ", …" : "")
                throw OutputError(
                    path: path, reason: "holds files vox did not write (\(shown))",
                    advice: "vox replaces its output directory as a whole on every run; give it a directory of its own"
                )
            }
            return .directory(empty: entries.isEmpty)
        default:
            throw OutputError(path: path, reason: "exists and is not a directory", advice: "remove it or choose another output directory")
        }
    }

    /// Temporary names of the per-file writer (`.report.md.tmp-PID`), left by a killed run.
    static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(".tmp-")
    }

    /// Clears what killed runs left: staging directories, and a link or directory caught
    /// between the two steps of taking over a real directory. Call it holding the lock.
    public func recover() throws {
        let fileManager = FileManager.default
        for entry in (try? fileManager.contentsOfDirectory(atPath: runsPath)) ?? [] where entry.hasPrefix(".staging-") {
            try? fileManager.removeItem(atPath: runsPath + "/" + entry)
        }
        let swapPrefix = ".\(name).swap-"
        for entry in (try? fileManager.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(swapPrefix) {
            let leftover = parent + "/" + entry
            var info = stat()
            guard lstat(leftover, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                // The outputs a take-over had moved aside: keep them as an earlier version.
                let destination = runsPath + "/" + Self.versionName(nextSequence(), label: "previous")
                if rename(leftover, destination) != 0 { throw OutputError.system(leftover, errno: errno, doing: "cannot move into \(runsPath)") }
            } else {
                unlink(leftover)
            }
        }
    }

    // MARK: staging and switching

    /// A fresh, empty directory under `DIR.runs` for this run's files.
    public func makeStaging() throws -> StagingDirectory {
        let staging = runsPath + "/.staging-\(getpid())"
        try? FileManager.default.removeItem(atPath: staging)
        if mkdir(staging, 0o755) != 0 {
            throw OutputError.system(staging, errno: errno, doing: "cannot create the staging directory")
        }
        return StagingDirectory(path: staging, shownAs: path)
    }

    /// Publishes the staging directory: renames it to the next version and switches `DIR` to it.
    /// Until the switch, readers see the previous outputs; after it, the new ones.
    /// - Returns: the version's directory.
    @discardableResult
    public func commit(_ staging: StagingDirectory, stamp: Date = Date()) throws -> String {
        let current = try target()
        var sequence = nextSequence()
        let previousName: String?
        if case .directory(empty: false) = current {
            previousName = Self.versionName(sequence, label: "previous")
            sequence += 1
        } else {
            previousName = nil
        }
        let versionName = Self.versionName(sequence, label: Self.stamp(stamp))
        let version = runsPath + "/" + versionName
        OutputFile.syncDirectory(staging.path)
        if rename(staging.path, version) != 0 {
            throw OutputError.system(version, errno: errno, doing: "cannot rename the staging directory")
        }
        OutputFile.syncDirectory(runsPath)
        Failpoint.reach("versioned")

        let link = parent + "/.\(name).swap-\(getpid())"
        unlink(link)
        if symlink(name + ".runs/" + versionName, link) != 0 {
            throw OutputError.system(link, errno: errno, doing: "cannot create the link")
        }
        switch current {
        case .absent, .link:
            if rename(link, path) != 0 {
                let code = errno
                unlink(link)
                throw OutputError.system(path, errno: code, doing: "cannot switch the link")
            }
        case .directory(let empty):
            try takeOver(link: link, previous: empty ? nil : previousName.map { runsPath + "/" + $0 })
        }
        OutputFile.syncDirectory(parent)
        Failpoint.reach("switched")
        return version
    }

    /// Puts the link where the real directory `DIR` was, atomically when the kernel can exchange
    /// two names; the directory's files become the version `previous` (or it is removed when empty).
    private func takeOver(link: String, previous: String?) throws {
        if SystemCalls.exchange(link, path) {
            // `link` now names the old directory.
            if let previous {
                if rename(link, previous) != 0 { throw OutputError.system(link, errno: errno, doing: "cannot move into \(runsPath)") }
            } else {
                rmdir(link)
            }
            return
        }
        // No exchange on this file system: move the directory aside, then put the link in place
        // (for a moment there is no `DIR`, but never a partial one).
        let aside = previous ?? (parent + "/.\(name).swap-\(getpid())-empty")
        if rename(path, aside) != 0 { throw OutputError.system(path, errno: errno, doing: "cannot move the old outputs aside") }
        if previous == nil { rmdir(aside) }
        if rename(link, path) != 0 { throw OutputError.system(path, errno: errno, doing: "cannot switch the link") }
    }

    /// Removes versions beyond the newest `keep`, never the one `DIR` points to. Best effort:
    /// a version that cannot be removed is retried by the next run.
    public func prune() {
        let current: String? = if case .link(let version)? = try? target() { version } else { nil }
        let versions = self.versions().sorted { $0.sequence > $1.sequence }
        for old in versions.dropFirst(keep) where old.name != current {
            try? FileManager.default.removeItem(atPath: runsPath + "/" + old.name)
        }
    }

    // MARK: versions

    struct Version {
        var name: String
        var sequence: Int
    }

    func versions() -> [Version] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: runsPath)) ?? []
        return entries.compactMap { entry in
            guard let dash = entry.firstIndex(of: "-"), let number = Int(entry[..<dash]) else { return nil }
            return Version(name: entry, sequence: number)
        }
    }

    func nextSequence() -> Int {
        (versions().map(\.sequence).max() ?? 0) + 1
    }

    static func versionName(_ sequence: Int, label: String) -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits + "-" + label
    }

    /// `20260101T031500Z`: when the run finished, for people browsing `DIR.runs`.
    static func stamp(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
