import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The excerpts of negative customer messages in conversations (what a coaching example may
/// quote), kept out of memory: the merged aggregator hands its new excerpt bytes over after each
/// chunk (`RunAggregator.takeExcerpts`), they gather here and go to a scratch file of the staging
/// directory a megabyte at a time, and at the end the few quoted ones are read back by offset.
///
/// Memory: at most `bufferSize` bytes, whatever the input. A small run never creates the file.
/// It is removed by `remove()`, or with the staging directory when the run fails.
final class ExcerptSpill: @unchecked Sendable {
    static let scratchName = ".conversation-excerpts"
    static let bufferSize = 1 << 20
    /// How failures name the file: it is nobody's output, but the reports quote from it.
    static let shownName = "the conversation excerpts"
    private let staging: StagingDirectory
    private var file: OutputFile?
    private var reader: Int32 = -1
    /// Bytes after the `written` ones already in the file; an excerpt is never split.
    private var pending: [UInt8] = []
    private var written = 0

    init(staging: StagingDirectory) {
        self.staging = staging
    }

    deinit {
        if reader >= 0 { close(reader) }
    }

    func append(_ bytes: [UInt8]) throws {
        pending += bytes
        guard pending.count >= Self.bufferSize else { return }
        try staging.writing(Self.shownName) {
            if file == nil { file = try staging.create(Self.scratchName) }
            try pending.withUnsafeBytes { try file!.write($0) }
        }
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    /// The excerpt at `offset`, `length` bytes. Empty if the scratch file cannot be read back: it
    /// was written by this run a moment ago, so the disk failed under us, and a quote is missing.
    func read(offset: Int, length: Int) -> String {
        if offset >= written { return String(decoding: pending[(offset - written)..<(offset - written + length)], as: UTF8.self) }
        if reader < 0, let file { reader = open(file.path, O_RDONLY | O_CLOEXEC) }
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length, reader >= 0 {
            let count = bytes.withUnsafeMutableBytes { pread(reader, $0.baseAddress! + done, length - done, off_t(offset + done)) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            done += count
        }
        return String(decoding: bytes[..<done], as: UTF8.self)
    }

    /// Deletes the scratch file (it must not be published with the outputs) and the buffer.
    func remove() {
        pending = []
        if reader >= 0 { close(reader) }
        reader = -1
        if let file {
            file.closeUnflushed()
            unlink(file.path)
        }
        file = nil
    }
}
