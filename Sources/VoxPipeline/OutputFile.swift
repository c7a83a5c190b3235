import Foundation
import VoxModel
#if canImport(Glibc)
import Glibc
#endif

/// One output file written with plain system calls, for guarantees Foundation's `Data.write`
/// does not give: the file must be new (`O_EXCL`), a symbolic link in its place is never followed
/// (`O_NOFOLLOW`), and its bytes are on disk (`fsync`) before anyone renames it into view.
/// Writes may be streamed in pieces.
public final class OutputFile {
    public let path: String
    private var descriptor: Int32
    /// Bytes appended so far.
    private var size = 0
    /// Set for a file the run does not read again: its pages leave the page cache as it grows.
    private var writeBehind: WriteBehind?

    /// Creates `path`; fails if anything, a link included, already has that name.
    /// - Parameter writeBehind: hand the bytes to disk as they come and drop their pages from
    ///   the cache behind the writing (`WriteBehind`); only for a file the run does not read,
    ///   and that it overwrites in place only at a few places it reads back first (`readAhead`).
    public init(creating path: String, writeBehind: WriteBehind? = nil) throws {
        self.path = path
        self.writeBehind = writeBehind
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw OutputError.system(path, errno: errno, doing: "cannot create") }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    public func write(_ text: String) throws {
        try text.withUTF8Bytes { try write(UnsafeRawBufferPointer($0)) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputError.system(path, errno: errno, doing: "cannot write")
            }
            offset += count
        }
        size += bytes.count
        let descriptor = descriptor
        writeBehind?.advance(to: size) { SystemCalls.take($0, on: descriptor) }
    }

    /// Asks the kernel to read `bytes` back into the page cache without waiting: write-behind
    /// may have dropped their pages, and an overwrite of part of a page not in the cache waits
    /// for the disk to read it. Asked well before the overwrites, the reads overlap.
    public func readAhead(_ bytes: Range<Int>) {
        guard writeBehind != nil else { return }
        SystemCalls.readAhead(bytes, on: descriptor)
    }

    /// Overwrites bytes already written, at `offset` from the start.
    public func write(_ bytes: [UInt8], at offset: Int) throws {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + done, $0.count - done, off_t(offset + done)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputError.system(path, errno: errno, doing: "cannot write")
            }
            done += count
        }
    }

    /// Flushes the bytes to disk and closes the file. A full disk can show up only here (some
    /// file systems delay allocation), so the result must be checked like any write.
    public func finish() throws {
        defer {
            close(descriptor)
            descriptor = -1
        }
        if fsync(descriptor) != 0 { throw OutputError.system(path, errno: errno, doing: "cannot flush to disk") }
    }

    /// Closes without flushing to disk: for scratch files that are never published.
    public func closeUnflushed() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Writes a whole file in one go.
    public static func write(_ contents: String, to path: String) throws {
        let file = try OutputFile(creating: path)
        do {
            try file.write(contents)
            try file.finish()
        } catch {
            unlink(path)
            throw error
        }
    }

    /// Writes a whole file from pieces `render` hands over; the first failed write ends the
    /// writing (later pieces are dropped) and is thrown once `render` returns. The file's pages
    /// leave the page cache behind the writing (streamed outputs are the long ones).
    public static func write(to path: String, streaming render: (_ write: (String) -> Void) -> Void) throws {
        let file = try OutputFile(creating: path, writeBehind: WriteBehind())
        do {
            var failure: (any Error)?
            render { piece in
                guard failure == nil else { return }
                do { try file.write(piece) } catch { failure = error }
            }
            if let failure { throw failure }
            try file.finish()
        } catch {
            unlink(path)
            throw error
        }
    }

    /// Flushes a directory, so that the names created or renamed in it survive a power cut.
    static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
