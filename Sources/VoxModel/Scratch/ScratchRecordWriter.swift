/// Encodes records for scratch partitions: each record is its length (four bytes) and then its
/// fields, fixed-width integers little-endian, doubles by bit pattern (NaN and -0.0 survive),
/// strings as a length and their UTF-8. `ScratchRecord` reads them back in the same order.
public struct ScratchRecordWriter {
    // The generic accessors are inlinable so that they are specialised where they are called
    // (another module): unspecialised, every field looked up generic metadata at run time, and
    // reading a partition back cost more than summarising it.

    /// The records written so far, one after another.
    public var bytes: [UInt8] { storage }
    @usableFromInline var storage: [UInt8] = []
    private var recordStart = -1

    public init() {}

    public mutating func beginRecord() {
        precondition(recordStart < 0, "ScratchRecordWriter: a record is already open")
        recordStart = storage.count
        append(UInt32(0))
    }

    public mutating func endRecord() {
        precondition(recordStart >= 0, "ScratchRecordWriter: no record is open")
        let length = UInt32(storage.count - recordStart - 4).littleEndian
        withUnsafeBytes(of: length) { length in
            for index in 0..<4 { storage[recordStart + index] = length[index] }
        }
        recordStart = -1
    }

    @inlinable
    public mutating func append<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value.littleEndian) { storage.append(contentsOf: $0) }
    }

    @inlinable
    public mutating func append(_ value: Double) {
        append(value.bitPattern)
    }

    public mutating func append(_ text: String) {
        text.withUTF8Bytes { utf8 in
            append(UInt32(utf8.count))
            storage.append(contentsOf: utf8)
        }
    }

    /// Appends a whole record as `ScratchRecord.bytes` holds it (a copy from another partition).
    public mutating func appendRecord(_ record: UnsafeRawBufferPointer) {
        beginRecord()
        storage.append(contentsOf: record)
        endRecord()
    }

    /// Forgets the records written (keeping the memory), once they have been handed on.
    public mutating func removeAll() {
        precondition(recordStart < 0, "ScratchRecordWriter: a record is still open")
        storage.removeAll(keepingCapacity: true)
    }
}

/// One record's fields, read in the order `ScratchRecordWriter` wrote them.
public struct ScratchRecord {
    /// The record's fields, without its length.
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var position = 0

    @usableFromInline
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    @inlinable
    public mutating func read<Value: FixedWidthInteger>(_: Value.Type = Value.self) -> Value {
        precondition(position + MemoryLayout<Value>.size <= bytes.count, "ScratchRecord: read past the record's end")
        let value = bytes.loadUnaligned(fromByteOffset: position, as: Value.self)
        position += MemoryLayout<Value>.size
        return Value(littleEndian: value)
    }

    @inlinable
    public mutating func readDouble() -> Double {
        Double(bitPattern: read(UInt64.self))
    }

    public mutating func readString() -> String {
        let count = Int(read(UInt32.self))
        precondition(position + count <= bytes.count, "ScratchRecord: string past the record's end")
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + count]), as: UTF8.self)
        position += count
        return text
    }
}

/// Reads one partition's records in order, a block at a time: memory is one block (or one
/// record, when a record is larger), whatever the partition's size.
public struct ScratchRecordReader {
    public static let blockSize = 1 << 16

    private let scratch: any ScratchPartitions
    private let partition: Int
    @usableFromInline var buffer: [UInt8]
    /// `buffer[start..<end]` are read and not yet consumed; `offset` bytes of the partition are read.
    private var start = 0
    private var end = 0
    private var offset = 0

    public init(_ scratch: any ScratchPartitions, partition: Int, blockSize: Int = Self.blockSize) {
        self.scratch = scratch
        self.partition = partition
        buffer = [UInt8](repeating: 0, count: max(16, blockSize))
    }

    /// Decodes the next record with `decode`; nil at the partition's end. Inlinable, so that it
    /// is specialised for each record type where it is called (other modules read partitions
    /// back too, and unspecialised it cost more than decoding).
    @inlinable
    public mutating func next<Value>(_ decode: (inout ScratchRecord) throws -> Value) throws -> Value? {
        guard let range = try nextRecord() else { return nil }
        return try buffer.withUnsafeBytes { bytes in
            var record = ScratchRecord(UnsafeRawBufferPointer(rebasing: bytes[range]))
            return try decode(&record)
        }
    }

    /// Where the next record's bytes are in `buffer`, taken as read; nil at the partition's end.
    @usableFromInline
    mutating func nextRecord() throws -> Range<Int>? {
        guard try fill(4) else {
            if end > start { throw ScratchError(message: "scratch partition \(partition) ends inside a record's length at byte \(offset - (end - start))") }
            return nil
        }
        let length = Int(buffer.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt32.self)) })
        guard try fill(4 + length) else {
            throw ScratchError(message: "scratch partition \(partition) ends inside a record at byte \(offset - (end - start))")
        }
        let recordStart = start + 4
        start += 4 + length
        return recordStart..<recordStart + length
    }

    /// Makes `count` unconsumed bytes available; false when the partition ends first.
    private mutating func fill(_ count: Int) throws -> Bool {
        if end - start >= count { return true }
        if start > 0 {
            buffer.withUnsafeMutableBytes { bytes in
                bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + start, byteCount: end - start)
            }
            end -= start
            start = 0
        }
        if buffer.count < count { buffer += [UInt8](repeating: 0, count: max(count, buffer.count * 2) - buffer.count) }
        while end < count {
            let read = try buffer.withUnsafeMutableBytes { bytes in
                try scratch.read(partition, at: offset, into: UnsafeMutableRawBufferPointer(rebasing: bytes[end...]))
            }
            if read == 0 { return false }
            end += read
            offset += read
        }
        return true
    }
}

/// Scratch bytes that do not read back as they were written (a disk failed under the run).
public struct ScratchError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
