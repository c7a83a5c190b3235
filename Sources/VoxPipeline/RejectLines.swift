import Foundation
#if canImport(Glibc)
import Glibc
#endif
import VoxModel
import VoxReport

/// rejects.jsonl's lines as the readers reject records, kept out of memory: a file of nothing but
/// rejects (a wrong time format, a broken export) used to hold every `Reject` until the end, and
/// ten million of them took 11.9 GB. Lines gather in a buffer that goes to a scratch file of the
/// staging directory a megabyte at a time; `replay` hands the lines over in order, in pieces of
/// whole lines, when rejects.jsonl is written.
final class RejectLines: @unchecked Sendable {
    static let scratchName = ".rejects.jsonl.lines"
    static let bufferSize = 1 << 20
    private let staging: StagingDirectory
    private var file: OutputFile?
    private var pending = ""

    init(staging: StagingDirectory) {
        self.staging = staging
    }

    func append(_ reject: Reject) throws {
        pending += RejectsJSON.line(reject)
        pending += "\n"
        guard pending.utf8.count >= Self.bufferSize else { return }
        try staging.writing("rejects.jsonl") {
            if file == nil { file = try staging.create(Self.scratchName) }
            try file!.write(pending)
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Hands every line to `write`, in order, in pieces that end at a line's end; then deletes the
    /// scratch file. Lines that cannot be read back (the disk failed under us) are lost.
    func replay(_ write: (String) -> Void) {
        if let file {
            file.closeUnflushed()
            if let input = FileHandle(forReadingAtPath: file.path) {
                var carried: [UInt8] = []
                while let block = try? input.read(upToCount: Self.bufferSize), !block.isEmpty {
                    carried += block
                    guard let end = carried.lastIndex(of: UInt8(ascii: "\n")) else { continue }
                    write(String(decoding: carried[...end], as: UTF8.self))
                    carried.removeFirst(end + 1)
                }
                try? input.close()
            }
            unlink(file.path)
            self.file = nil
        }
        write(pending)
        pending = ""
    }

    /// Deletes the scratch file if the run ends before `replay`.
    func remove() {
        guard let file else { return }
        file.closeUnflushed()
        unlink(file.path)
        self.file = nil
    }
}
