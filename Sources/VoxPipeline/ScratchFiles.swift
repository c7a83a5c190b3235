import Foundation
import VoxModel
#if canImport(Glibc)
import Glibc
#endif

/// Scratch partitions as files of the run's staging directory: where a run's conversation
/// messages and summaries wait (`ScratchSpace`, see `ConversationTracker.spillMessages` and
/// `ConversationSummaries`). Each partition is one hidden file, created at its first write.
///
/// Their names leave the staging directory (`unlinkAll()`) before it is published, or go with
/// the staging directory when the run fails; a killed run leaves them only inside a staging
/// directory, which the next run's recovery removes. A file still open when its name goes stays
/// readable until it is dropped: the run's result reads its conversations from one
/// (`RunResult.conversations`) after the outputs are published.
final class ScratchFiles: ScratchSpace, @unchecked Sendable {
    private let staging: StagingDirectory
    private let lock = NSLock()
    private var made: [StagingScratchPartitions] = []

    init(staging: StagingDirectory) {
        self.staging = staging
    }

    func partitions(_ name: String, count: Int) throws -> any ScratchPartitions {
        let partitions = StagingScratchPartitions(staging: staging, name: name, count: count)
        lock.withLock { made.append(partitions) }
        return partitions
    }

    /// Takes every scratch file's name out of the staging directory, which must not publish
    /// them; partitions not removed yet stay readable through open descriptors until dropped.
    func unlinkAll() throws {
        for partitions in lock.withLock({ made }) { try partitions.unlink() }
    }
}

/// One scratch name's partitions: a file each (`.NAME.07`), written through a buffer of
/// `bufferSize` bytes a partition and read back with `pread`.
final class StagingScratchPartitions: ScratchPartitions, @unchecked Sendable {
    static let bufferSize = 1 << 16
    /// How failures name the files: they are nobody's output, but the reports are made from them.
    static let shownName = "the conversation scratch files"

    let count: Int
    private let staging: StagingDirectory
    private let name: String
    private let lock = NSLock()
    private var files: [OutputFile?]
    private var readers: [Int32]
    private var pending: [[UInt8]]

    init(staging: StagingDirectory, name: String, count: Int) {
        self.staging = staging
        self.name = name
        self.count = count
        files = Array(repeating: nil, count: count)
        readers = Array(repeating: -1, count: count)
        pending = Array(repeating: [], count: count)
    }

    deinit {
        for reader in readers where reader >= 0 { close(reader) }
    }

    func path(_ partition: Int) -> String {
        staging.path + "/" + Self.fileName(name, partition)
    }

    static func fileName(_ name: String, _ partition: Int) -> String {
        "." + name + "." + String(partition)
    }

    func append(_ bytes: UnsafeRawBufferPointer, to partition: Int) throws {
        try lock.withLock {
            pending[partition].append(contentsOf: bytes)
            if pending[partition].count >= Self.bufferSize { try flush(partition) }
        }
    }

    /// Writes `partition`'s buffered bytes to its file. Call with the lock held.
    private func flush(_ partition: Int) throws {
        guard !pending[partition].isEmpty else { return }
        try staging.writing(Self.shownName) {
            if files[partition] == nil { files[partition] = try staging.create(Self.fileName(name, partition)) }
            try pending[partition].withUnsafeBytes { try files[partition]!.write($0) }
        }
        pending[partition].removeAll(keepingCapacity: pending[partition].capacity <= Self.bufferSize * 2)
    }

    func read(_ partition: Int, at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try lock.withLock {
            try flush(partition)
            if let file = files[partition] { try openReader(partition, file) }
            guard readers[partition] >= 0 else { return 0 }
            while true {
                let count = pread(readers[partition], buffer.baseAddress!, buffer.count, off_t(offset))
                if count >= 0 { return count }
                if errno != EINTR { throw OutputError.system(path(partition), errno: errno, doing: "cannot read back") }
            }
        }
    }

    /// Opens `file` for reading unless it is open. Call with the lock held.
    private func openReader(_ partition: Int, _ file: OutputFile) throws {
        guard readers[partition] < 0 else { return }
        readers[partition] = open(file.path, O_RDONLY | O_CLOEXEC)
        if readers[partition] < 0 { throw OutputError.system(file.path, errno: errno, doing: "cannot read back") }
    }

    /// Opens every file for reading, then takes the files' names away: the bytes stay readable
    /// here until this is dropped, and nothing is left under the staging directory.
    func unlink() throws {
        try lock.withLock {
            for partition in 0..<count {
                try flush(partition)
                guard let file = files[partition] else { continue }
                try openReader(partition, file)
                file.closeUnflushed()
                Glibc.unlink(file.path)
                files[partition] = nil
            }
        }
    }

    func remove() {
        lock.withLock {
            for partition in 0..<count {
                if readers[partition] >= 0 { close(readers[partition]) }
                readers[partition] = -1
                if let file = files[partition] {
                    file.closeUnflushed()
                    Glibc.unlink(file.path)
                }
                files[partition] = nil
                pending[partition] = []
            }
        }
    }
}
