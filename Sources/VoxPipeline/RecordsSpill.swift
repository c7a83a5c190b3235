import Foundation
import VoxModel
import VoxReport

/// records.jsonl for a run that streams: each chunk's lines are written, in chunk order, to a
/// scratch file in the staging directory as they are scored, without their cluster members;
/// only a compact cluster code per record stays in memory. `finish` appends each line's cluster
/// members once the clusters are final (small ones dissolved) and writes records.jsonl.
///
/// Memory: two bytes a record, and two bytes per secondary cluster plus one for the records that
/// have any (a fifth of the generated records do, so a dictionary of arrays by record cost about
/// 70 bytes each of those: 150 MB at ten million records); the text stays on disk. Time: one
/// sequential read and write of the file at the end.
final class RecordsSpill: @unchecked Sendable {
    static let scratchName = ".records.jsonl.body"
    /// Bytes read from the scratch file at a time: the block, the unfinished line carried over
    /// and the block's output are in memory at once (at 4 MB, that was about 20 MB).
    static let blockSize = 1 << 20

    private let staging: StagingDirectory
    private let scratch: OutputFile
    private var clusterIDs: [String] = []
    private var codes: [String: UInt16] = [:]
    /// Per record: 0 for none, else 1 + the index of its primary cluster id; `hasSecondary`
    /// set when the record has secondary clusters.
    private var primary: [UInt16] = []
    /// The secondary clusters' codes of the records flagged `hasSecondary`, in record order,
    /// each record's list ended by a 0.
    private var secondary: [UInt16] = []
    private static let hasSecondary: UInt16 = 0x8000

    init(staging: StagingDirectory) throws {
        self.staging = staging
        scratch = try staging.writing("records.jsonl") { try staging.create(Self.scratchName) }
    }

    /// Adds one chunk: its `lines` (each a `RecordsJSON.appendBody` and a newline) and the
    /// clusters of its records, in the same order.
    func append(lines: [UInt8], clusters: [ChunkRecordClusters]) throws {
        try staging.writing("records.jsonl") { try lines.withUnsafeBytes { try scratch.write($0) } }
        for record in clusters {
            let primaryCode = record.primary.map(code) ?? 0
            if record.secondary.isEmpty {
                primary.append(primaryCode)
            } else {
                primary.append(primaryCode | Self.hasSecondary)
                secondary += record.secondary.map(code)
                secondary.append(0)
            }
        }
    }

    /// Gives record number `ordinal` (no cluster so far) the primary cluster discovery found.
    func assign(ordinal: Int, cluster: String) {
        primary[ordinal] = primary[ordinal] & Self.hasSecondary | code(cluster)
    }

    private func code(_ id: String) -> UInt16 {
        if let known = codes[id] { return known }
        clusterIDs.append(id)
        precondition(clusterIDs.count < Self.hasSecondary, "RecordsSpill: more than 32,767 cluster ids")
        let new = UInt16(clusterIDs.count)
        codes[id] = new
        return new
    }

    /// Writes records.jsonl into the staging directory, keeping only the clusters in `kept`.
    func finish(kept: Set<String>) throws {
        try staging.writing("records.jsonl") { try write(kept: kept) }
    }

    private func write(kept: Set<String>) throws {
        scratch.closeUnflushed()
        let scratchPath = staging.path + "/" + Self.scratchName
        defer { unlink(scratchPath) }
        let keptID: (UInt16) -> String? = { code in
            guard code > 0 else { return nil }
            let id = self.clusterIDs[Int(code) - 1]
            return kept.contains(id) ? id : nil
        }
        // The ending of a line without secondary clusters depends on its primary code only.
        let endings = (0...clusterIDs.count).map { code in
            Array(("," + RecordsJSON.clusterMembers(primary: keptID(UInt16(code)), secondary: []) + "}\n").utf8)
        }
        let input = open(scratchPath, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw OutputError.system(scratchPath, errno: errno, doing: "cannot reopen") }
        defer { close(input) }
        let output = try staging.create("records.jsonl")
        // The scratch is read into one reused buffer: the unfinished last line moves to its
        // front, and the next read fills the rest (the buffer doubles for a longer line).
        var buffer = [UInt8](repeating: 0, count: 2 * Self.blockSize)
        var filled = 0
        var out: [UInt8] = []
        out.reserveCapacity(2 * Self.blockSize + Self.blockSize / 4)
        var record = 0
        var nextSecondary = 0
        while true {
            if filled == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputError.system(scratchPath, errno: errno, doing: "cannot read")
            }
            if count == 0 { break }
            filled += count
            var lineStart = 0
            buffer.withUnsafeBufferPointer { bytes in
                let base = bytes.baseAddress!
                // memchr finds the newline many bytes at a time; a line is about 600 bytes.
                while lineStart < filled, let found = memchr(base + lineStart, Int32(UInt8(ascii: "\n")), filled - lineStart) {
                    let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    out.append(contentsOf: UnsafeBufferPointer(start: base + lineStart, count: newline - lineStart))
                    if primary[record] & Self.hasSecondary != 0 {
                        let end = secondary[nextSecondary...].firstIndex(of: 0)!
                        let codes = secondary[nextSecondary..<end]
                        nextSecondary = end + 1
                        let members = RecordsJSON.clusterMembers(
                            primary: keptID(primary[record] & ~Self.hasSecondary), secondary: codes.compactMap(keptID)
                        )
                        out += Array(("," + members + "}\n").utf8)
                    } else {
                        out += endings[Int(primary[record])]
                    }
                    record += 1
                    lineStart = newline + 1
                }
            }
            if lineStart > 0 {
                buffer.withUnsafeMutableBytes { bytes in
                    _ = memmove(bytes.baseAddress!, bytes.baseAddress! + lineStart, filled - lineStart)
                }
                filled -= lineStart
            }
            try out.withUnsafeBytes { try output.write($0) }
            out.removeAll(keepingCapacity: true)
        }
        try output.finish()
    }
}

/// The clusters of one scored record, as a chunk hands them to `RecordsSpill`.
struct ChunkRecordClusters: Sendable {
    var primary: String?
    var secondary: [String]
}
