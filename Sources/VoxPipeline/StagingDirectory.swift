import Foundation

/// The directory a run writes its files into before `OutputDirectory.commit` publishes them.
/// Files are created new (never through a link planted in their place) and flushed to disk.
public struct StagingDirectory: Sendable {
    public let path: String
    /// The output directory, named in errors: the user knows it, not the staging name.
    let shownAs: String

    /// Writes one file; on failure the error names the output file and its staging path.
    public func write(_ name: String, _ contents: String) throws {
        try writing(name) { try OutputFile.write(contents, to: path + "/" + name) }
    }

    /// Writes one file from pieces `render` hands over as it goes.
    public func write(_ name: String, streaming render: (_ write: (String) -> Void) -> Void) throws {
        try writing(name) { try OutputFile.write(to: path + "/" + name, streaming: render) }
    }

    /// Runs `body`, which writes output `name` (or a scratch file for it); a failure names that
    /// output and the output directory, not the staging path.
    public func writing<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as OutputError {
            error.reason = "cannot write \(name) (staged in \(path)): " + error.reason
            error.path = shownAs
            throw error
        }
    }

    /// Opens a file for streamed writing; `writeBehind` as `OutputFile.init(creating:writeBehind:)`.
    public func create(_ name: String, writeBehind: WriteBehind? = nil) throws -> OutputFile {
        try OutputFile(creating: path + "/" + name, writeBehind: writeBehind)
    }

    /// Removes the staging directory and what it holds (a failed or interrupted run).
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
