import Foundation
import VoxAggregate
import VoxModel
import VoxReport

/// records.jsonl for a run that streams, written once: each chunk's lines go to records.jsonl in
/// the staging directory as soon as they are scored, each ending with the clusters its record
/// has then. Two things can still change an ending: discovery gives a pain point to a record
/// that had none, and min_size dissolves the clusters that stay small. So a line whose ending
/// may change is noted (where its ending lies and how much room it has), and a discovery
/// candidate's line gets `discoveryRoom` spaces after its ending, room for the id it may get.
/// `finish` overwrites the few endings that did change, in place, each padded with spaces to its
/// room (JSON allows whitespace after a value); only when a new ending does not fit its room is
/// the file copied once more.
///
/// Which endings may change is known as lines arrive: a cluster that has `minSize` members so
/// far will be kept (discovery only adds members), so a line that names only such clusters and
/// is not a discovery candidate is final. Early in a run few clusters are, and a candidate never
/// is: on generated feedback about one line in twenty is noted (8,655 of 200,000 end in spaces).
///
/// Memory: only the noted lines are remembered, 24 bytes each and two per secondary cluster they
/// name; a final line leaves nothing behind (until records.jsonl was written once, every record
/// kept its cluster codes until the end: 20–32 MB at ten million records). The text stays on
/// disk. Time: nothing at the end but the changed endings, where the file used to be written
/// twice (six gigabytes more at ten million records, the largest write of a run).
///
/// Page cache: the file goes through `WriteBehind`, its pages dropped behind the writing like
/// report.json's, and `finish` asks the pages of the changed endings back from disk ahead of
/// overwriting them (130,000 of ten million lines changed in a generated run). Kept in the cache,
/// the 5.7 GB took fresh page frames, the dearest part of writing on this machine.
final class RecordsSpill: @unchecked Sendable {
    static let fileName = "records.jsonl"
    /// The copy `finish` makes when an ending does not fit (renamed over records.jsonl).
    static let rewriteName = ".records.jsonl.rewrite"
    /// Spaces after a discovery candidate's ending: `"cluster":null` becomes `"cluster":"ID"`,
    /// which is the id's length minus two bytes longer. Discovered ids are slugs of at most 48
    /// characters with a number added when taken (`ClusterIdentity`), so 56 leaves room.
    static let discoveryRoom = 56
    /// Bytes copied at a time when the file is copied.
    static let blockSize = 1 << 20
    /// Changed endings whose pages are asked back from disk ahead of their overwrite.
    static let readAheadEdits = 256

    private let staging: StagingDirectory
    private let file: OutputFile
    private let minSize: Int
    private var written = 0
    /// Lines written so far.
    private var records = 0
    private var clusterIDs: [String] = []
    private var codes: [String: UInt16] = [:]
    /// Per cluster code (index 0 unused): records so far that count toward its size.
    private var sizes: [Int] = [0]
    /// The lines whose ending may still change, in record order.
    private var unsettled: [UnsettledEnding] = []
    /// The secondary clusters' codes of the unsettled lines that have any, each list ended by a 0.
    private var secondary: [UInt16] = []

    /// A line whose ending `finish` looks at again.
    private struct UnsettledEnding {
        /// Where the ending (from the comma before `"cluster"`) starts in the file.
        var offset: Int
        var record: Int32
        /// Bytes from `offset` to the newline: the ending and the spaces after it.
        var room: Int32
        /// Where the line's list starts in `secondary`, or -1.
        var secondaryStart: Int32
        /// The primary cluster code the line was written with, and its code now (0 for none).
        var writtenPrimary: UInt16
        var primary: UInt16
    }

    /// - Parameters:
    ///   - minSize: the run's min_size: smaller clusters are dissolved at the end.
    ///   - writeBehind: how the file leaves the page cache as it grows (tests make it small).
    init(staging: StagingDirectory, minSize: Int, writeBehind: WriteBehind = WriteBehind()) throws {
        self.staging = staging
        self.minSize = minSize
        file = try staging.writing(Self.fileName) { try staging.create(Self.fileName, writeBehind: writeBehind) }
    }

    /// Appends `scored`'s line as the run first writes it: the body, the ending its clusters
    /// give now, `discoveryRoom` spaces when it is a discovery `candidate`, a newline. Returns
    /// what `append` needs to know of the line.
    static func appendLine(
        _ scored: ScoredRecord, candidate: Bool, to lines: inout [UInt8], discoveryRoom: Int = RecordsSpill.discoveryRoom
    ) -> ChunkRecordClusters {
        RecordsJSON.appendBody(scored, to: &lines)
        let ending = lines.count
        lines.append(UInt8(ascii: ","))
        RecordsJSON.appendClusterMembers(primary: scored.cluster, secondary: scored.secondaryClusters, to: &lines)
        lines.append(UInt8(ascii: "}"))
        if candidate { lines.append(contentsOf: repeatElement(UInt8(ascii: " "), count: discoveryRoom)) }
        let room = lines.count - ending
        lines.append(UInt8(ascii: "\n"))
        return ChunkRecordClusters(
            primary: scored.cluster, secondary: scored.secondaryClusters, ending: ending, room: room, candidate: candidate,
            countsTowardSize: RunAggregator.isClusterMember(scored)
        )
    }

    /// Adds one chunk: its `lines` (each made by `appendLine`) and what `appendLine` returned
    /// for each, in the same order.
    func append(lines: [UInt8], clusters: [ChunkRecordClusters]) throws {
        try staging.writing(Self.fileName) { try lines.withUnsafeBytes { try file.write($0) } }
        for record in clusters {
            let primaryCode = record.primary.map(code) ?? 0
            if record.countsTowardSize, primaryCode > 0 { sizes[Int(primaryCode)] += 1 }
            let secondaryCodes = record.secondary.map(code)
            let settled = !record.candidate && (primaryCode == 0 || isSettled(primaryCode)) && secondaryCodes.allSatisfy { isSettled($0) }
            if !settled {
                var secondaryStart = -1
                if !secondaryCodes.isEmpty {
                    secondaryStart = secondary.count
                    secondary += secondaryCodes
                    secondary.append(0)
                }
                unsettled.append(UnsettledEnding(
                    offset: written + record.ending, record: Int32(records), room: Int32(record.room),
                    secondaryStart: Int32(secondaryStart), writtenPrimary: primaryCode, primary: primaryCode
                ))
            }
            records += 1
        }
        written += lines.count
    }

    /// The cluster will be kept: it has min_size members already (and one at least: a cluster
    /// only ever named as secondary has no size and is not kept, whatever min_size says).
    private func isSettled(_ code: UInt16) -> Bool {
        sizes[Int(code)] >= max(minSize, 1)
    }

    /// Gives record number `ordinal` (no cluster so far) the primary cluster discovery found.
    /// Discovery moves only its candidates, whose lines are all unsettled.
    func assign(ordinal: Int, cluster: String) {
        var low = 0, high = unsettled.count
        while low < high {
            let middle = (low + high) / 2
            if unsettled[middle].record < ordinal { low = middle + 1 } else { high = middle }
        }
        precondition(low < unsettled.count && unsettled[low].record == ordinal, "RecordsSpill: record \(ordinal) was not a discovery candidate")
        unsettled[low].primary = code(cluster)
    }

    private func code(_ id: String) -> UInt16 {
        if let known = codes[id] { return known }
        clusterIDs.append(id)
        precondition(clusterIDs.count < UInt16.max, "RecordsSpill: more than 65,534 cluster ids")
        sizes.append(0)
        let new = UInt16(clusterIDs.count)
        codes[id] = new
        return new
    }

    /// Finishes records.jsonl in the staging directory, keeping only the clusters in `kept`.
    func finish(kept: Set<String>) throws {
        try staging.writing(Self.fileName) {
            let keptCodes = [false] + clusterIDs.map(kept.contains)
            // A cluster that reached min_size while lines arrived must be kept: lines naming only
            // such clusters were not noted. Sizes are counted by the rule the run's own are.
            for code in 1..<sizes.count where isSettled(UInt16(code)) {
                precondition(keptCodes[code], "RecordsSpill: cluster \(clusterIDs[code - 1]) had min_size members but was dissolved")
            }
            let edits = changedEndings(keptCodes)
            if edits.allSatisfy({ $0.ending.count <= $0.room }) {
                for index in edits.indices {
                    // Most of the file left the page cache as it grew (write-behind): the pages of
                    // the next `readAheadEdits` endings are asked back ahead, so the reads overlap.
                    let firstAhead = index == 0 ? 0 : index + Self.readAheadEdits - 1
                    for next in stride(from: firstAhead, to: min(edits.count, index + Self.readAheadEdits), by: 1) {
                        file.readAhead(edits[next].bytes)
                    }
                    try file.write(padded(edits[index]), at: edits[index].offset)
                }
                try file.finish()
            } else {
                try rewrite(with: edits)
            }
        }
    }

    /// A changed ending: where it starts, its room, its new bytes (comma to closing brace).
    struct Edit {
        var offset: Int
        var room: Int
        var ending: [UInt8]

        /// The bytes it overwrites.
        var bytes: Range<Int> { offset..<offset + room }
    }

    /// The endings that differ from what was written, in file order.
    private func changedEndings(_ keptCodes: [Bool]) -> [Edit] {
        let keptID: (UInt16) -> String? = { code in
            code > 0 && keptCodes[Int(code)] ? self.clusterIDs[Int(code) - 1] : nil
        }
        var edits: [Edit] = []
        for line in unsettled {
            let primaryCode = line.primary
            var codes: ArraySlice<UInt16> = []
            if line.secondaryStart >= 0 {
                let start = Int(line.secondaryStart)
                codes = secondary[start..<secondary[start...].firstIndex(of: 0)!]
            }
            let dissolves = !(primaryCode == 0 || keptCodes[Int(primaryCode)]) || codes.contains { !keptCodes[Int($0)] }
            guard primaryCode != line.writtenPrimary || dissolves else { continue }
            var ending: [UInt8] = [UInt8(ascii: ",")]
            RecordsJSON.appendClusterMembers(primary: keptID(primaryCode), secondary: codes.compactMap(keptID), to: &ending)
            ending.append(UInt8(ascii: "}"))
            edits.append(Edit(offset: line.offset, room: Int(line.room), ending: ending))
        }
        return edits
    }

    /// An edit's ending and the spaces that fill the rest of its room.
    private func padded(_ edit: Edit) -> [UInt8] {
        edit.ending + repeatElement(UInt8(ascii: " "), count: max(0, edit.room - edit.ending.count))
    }

    /// Copies records.jsonl with `edits` applied (an ending longer than its room makes its line
    /// longer) and puts the copy in its place.
    private func rewrite(with edits: [Edit]) throws {
        file.closeUnflushed()
        let path = staging.path + "/" + Self.fileName
        let input = open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw OutputError.system(path, errno: errno, doing: "cannot reopen") }
        defer { close(input) }
        let output = try staging.create(Self.rewriteName)
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        var position = 0
        // Copies the bytes from `position` up to `end` (the file's end when nil).
        func copy(upTo end: Int?) throws {
            while end.map({ position < $0 }) ?? true {
                let wanted = min(block.count, (end ?? Int.max) - position)
                let count = block.withUnsafeMutableBytes { pread(input, $0.baseAddress!, wanted, off_t(position)) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw OutputError.system(path, errno: errno, doing: "cannot read back")
                }
                if count == 0 { break }
                try block.withUnsafeBytes { try output.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                position += count
            }
        }
        for edit in edits {
            try copy(upTo: edit.offset)
            try padded(edit).withUnsafeBytes { try output.write($0) }
            position = edit.offset + edit.room
        }
        try copy(upTo: nil)
        try output.finish()
        guard rename(staging.path + "/" + Self.rewriteName, path) == 0 else {
            throw OutputError.system(path, errno: errno, doing: "cannot replace")
        }
    }
}

/// What `RecordsSpill` needs to know of one record's line, as a chunk hands it over.
struct ChunkRecordClusters: Sendable {
    var primary: String?
    var secondary: [String]
    /// Where the line's ending starts in the chunk's lines, and its bytes up to the newline.
    var ending: Int
    var room: Int
    /// Discovery may give the record a cluster (it went to the discovery pool).
    var candidate: Bool
    /// The record counts toward its primary cluster's size (`RunAggregator.isClusterMember`).
    var countsTowardSize: Bool
}
