import Foundation
import VoxModel
#if canImport(Glibc)
import Glibc
#endif

/// The ids a source has seen, for dropping duplicates: an open-addressing table keyed by a
/// 64-bit FNV-1a hash of the id's UTF-8 bytes (`Set<String>` re-hashes every id with SipHash
/// each time it grows, which cost more than parsing the rows).
///
/// Eight bytes a slot: the hash's top 24 bits above 1 + the position of the id in the run's id
/// bytes, where ids lie one after another, each behind its length. Equal hash bits are confirmed
/// by comparing the bytes, so a collision can never drop a record. With a scratch directory the
/// id bytes leave memory a megabyte at a time for a nameless scratch file (`IDScratch`): then
/// memory is the slots alone (134 MB for ten million ids instead of about 260 MB), and the disk
/// is read only to confirm a duplicate or a rare match of 24 hash bits, and when the table grows
/// (it is rebuilt from one sequential read of the ids, after the old slots are freed).
struct IDSet {
    /// 0 marks an empty slot; otherwise the hash's top 24 bits above 1 + the id's offset.
    private var slots: [UInt64]
    /// The ids not in the scratch file (all of them without one), each its length as LEB128
    /// and then its UTF-8; their offsets follow the `flushed` bytes in the file.
    private var pending: [UInt8] = []
    private var flushed = 0
    private let scratch: IDScratch?
    private let hash: (UnsafeBufferPointer<UInt8>) -> UInt64
    private(set) var count = 0

    private static let offsetBits: UInt64 = 40
    private static let offsetMask: UInt64 = (1 << offsetBits) - 1
    static let flushSize = 1 << 20

    /// - Parameters:
    ///   - scratchDirectory: where the id bytes may go (the run's staging directory); nil keeps
    ///     them in memory.
    ///   - hash: the id hash; tests give a weak one to force collisions.
    init(scratchDirectory: String? = nil, hash: @escaping (UnsafeBufferPointer<UInt8>) -> UInt64 = IDSet.hash) {
        slots = [UInt64](repeating: 0, count: 1 << 14)
        scratch = scratchDirectory.map(IDScratch.init)
        self.hash = hash
    }

    /// Adds `id`; false when it was already there.
    /// - Throws: `IngestError` when the scratch file cannot be written or read back.
    mutating func insert(_ id: String) throws -> Bool {
        if (count + 1) * 4 > slots.count * 3 { try grow() }
        return try id.withUTF8Bytes { try insert($0) }
    }

    private mutating func insert(_ id: UnsafeBufferPointer<UInt8>) throws -> Bool {
        let hash = self.hash(id)
        let tag = hash & ~Self.offsetMask
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            if slots[slot] & ~Self.offsetMask == tag, try stored(at: Int(slots[slot] & Self.offsetMask) - 1, equals: id) {
                return false
            }
            slot = (slot + 1) & mask
        }
        let offset = flushed + pending.count
        precondition(UInt64(offset) < Self.offsetMask, "IDSet: more than 1 TB of record ids")
        slots[slot] = tag | UInt64(offset + 1)
        Self.appendLength(id.count, to: &pending)
        pending.append(contentsOf: id)
        count += 1
        if let scratch, pending.count >= Self.flushSize {
            try pending.withUnsafeBytes { try scratch.append($0) }
            flushed += pending.count
            pending.removeAll(keepingCapacity: true)
        }
        return true
    }

    /// Whether the id stored at `offset` is `id`.
    private func stored(at offset: Int, equals id: UnsafeBufferPointer<UInt8>) throws -> Bool {
        if offset >= flushed {
            return pending.withUnsafeBufferPointer { Self.entry(in: $0, at: offset - flushed)!.id.elementsEqual(id) }
        }
        return try scratch!.withEntry(at: offset) { $0.elementsEqual(id) }
    }

    /// Doubles the slots and places every id again: the old slots are freed first, and the ids'
    /// hashes are recomputed from their bytes (from one sequential read of the scratch file).
    private mutating func grow() throws {
        let size = slots.count * 2
        slots = []
        var grown = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        func place(_ id: UnsafeBufferPointer<UInt8>, _ offset: Int) {
            let hash = self.hash(id)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = hash & ~Self.offsetMask | UInt64(offset + 1)
        }
        try scratch?.forEachEntry(upTo: flushed, place)
        pending.withUnsafeBufferPointer { bytes in
            var position = 0
            while let entry = Self.entry(in: bytes, at: position) {
                place(entry.id, flushed + position)
                position = entry.end
            }
        }
        slots = grown
    }

    static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        var length = length
        while length >= 0x80 {
            bytes.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        bytes.append(UInt8(length))
    }

    /// The id stored at `position` of `bytes` (its length first) and where the next begins; nil
    /// when `bytes` end before the entry does.
    static func entry(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (id: UnsafeBufferPointer<UInt8>, end: Int)? {
        var position = position, length = 0, shift = 0
        while true {
            guard position < bytes.count else { return nil }
            let byte = bytes[position]
            position += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard position + length <= bytes.count else { return nil }
        return (UnsafeBufferPointer(rebasing: bytes[position..<position + length]), position + length)
    }

    /// FNV-1a, then a final mix so that the low bits (the slot) and the high bits (the tag)
    /// depend on every byte.
    static func hash(_ id: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return hash
    }
}

/// The scratch file behind an `IDSet`: created in the given directory and unlinked at once, so
/// it has no name while it is used and disappears when the set is dropped or the process dies.
final class IDScratch {
    let directory: String
    private var descriptor: Int32 = -1
    private var size = 0
    private var buffer: [UInt8] = []

    init(directory: String) {
        self.directory = directory
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        if descriptor < 0 { try create() }
        var done = 0
        while done < bytes.count {
            let count = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(size + done))
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { throw failure("cannot write") }
            done += count
        }
        size += bytes.count
    }

    /// Calls `body` with the id stored at `offset`.
    func withEntry<Result>(at offset: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) throws -> Result {
        // A length takes at most ten bytes; most ids fit in the first read.
        var want = 64
        while true {
            if buffer.count < want { buffer = [UInt8](repeating: 0, count: want) }
            let got = try read(at: offset, count: min(want, size - offset))
            let found = buffer.withUnsafeBufferPointer { bytes in
                IDSet.entry(in: UnsafeBufferPointer(rebasing: bytes[..<got]), at: 0).map { body($0.id) }
            }
            if let found { return found }
            guard want < size - offset else { throw failure("an id ends past the end of") }
            want *= 4
        }
    }

    /// Calls `body` with every id in the first `end` bytes and its offset, in order, reading a
    /// block at a time.
    func forEachEntry(upTo end: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) throws {
        var start = 0
        var want = IDSet.flushSize
        while start < end {
            if buffer.count < want { buffer = [UInt8](repeating: 0, count: want) }
            let got = try read(at: start, count: min(want, end - start))
            let consumed = buffer.withUnsafeBufferPointer { bytes in
                let block = UnsafeBufferPointer(rebasing: bytes[..<got])
                var position = 0
                while let entry = IDSet.entry(in: block, at: position) {
                    body(entry.id, start + position)
                    position = entry.end
                }
                return position
            }
            // An id longer than the block: read a larger one from its start.
            if consumed == 0 { want *= 2 }
            start += consumed
        }
    }

    /// Reads `count` bytes at `offset` into the start of `buffer`; returns how many.
    private func read(at offset: Int, count: Int) throws -> Int {
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { throw failure("cannot read back") }
            done += got
        }
        return done
    }

    private func create() throws {
        var template = Array((directory + "/.duplicate-ids.XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor < 0 { throw failure("cannot create") }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }

    private func failure(_ action: String) -> IngestError {
        IngestError(
            location: InputLocation(file: directory),
            message: "\(action) the scratch file of record ids kept for the duplicate check: \(String(cString: strerror(errno)))"
        )
    }
}
