import Foundation
import Testing
@testable import VoxPipeline
#if canImport(Glibc)
import Glibc
#endif

/// Long streamed outputs (report.json) are handed to disk a window at a time and their pages
/// leave the page cache a lag behind the writing.
@Suite("Write-behind")
struct WriteBehindTests {
    /// The steps `advance` takes for each size, in order.
    static func steps(window: Int, lag: Int, sizes: [Int]) -> [[WriteBehind.Step]] {
        var writeBehind = WriteBehind(window: window, lag: lag)
        return sizes.map { size in
            var taken: [WriteBehind.Step] = []
            writeBehind.advance(to: size) { taken.append($0) }
            return taken
        }
    }

    @Test("writeback starts a whole window at a time; pages are dropped a lag behind the end, after their writeback")
    func stepsBySize() {
        let taken = Self.steps(window: 4, lag: 8, sizes: [3, 4, 7, 13, 20, 20, 21])
        #expect(taken[0] == [])
        #expect(taken[1] == [.startWriteback(0..<4)])
        #expect(taken[2] == [])
        #expect(taken[3] == [.startWriteback(4..<12), .awaitWriteback(0..<4), .drop(0..<4)])
        #expect(taken[4] == [.startWriteback(12..<20), .awaitWriteback(4..<12), .drop(4..<12)])
        #expect(taken[5] == [])
        #expect(taken[6] == [])
    }

    @Test("whatever the writes' sizes, every byte is handed to disk once and dropped once, in order, never within the lag")
    func invariants() {
        var random = SystemRandomNumberGenerator()
        let window = 4096, lag = 4 * 4096
        var writeBehind = WriteBehind(window: window, lag: lag)
        var size = 0, started = 0, awaited = 0, dropped = 0
        for _ in 0..<2_000 {
            size += Int.random(in: 0...9_000, using: &random)
            writeBehind.advance(to: size) { step in
                switch step {
                case .startWriteback(let bytes):
                    #expect(bytes.lowerBound == started)
                    started = bytes.upperBound
                case .awaitWriteback(let bytes):
                    #expect(bytes.lowerBound == dropped && bytes.upperBound <= started)
                    awaited = bytes.upperBound
                case .drop(let bytes):
                    #expect(bytes.lowerBound == dropped && bytes.upperBound == awaited)
                    dropped = bytes.upperBound
                }
            }
            #expect(started == size / window * window)
            #expect(dropped <= max(0, size - lag) && dropped % window == 0)
            #expect(max(0, size - lag) - dropped < window)
        }
    }

    /// Pages of `path` in the page cache, per page, from `mincore` on a mapping of the file.
    static func residentPages(_ path: String) throws -> [Bool] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var status = stat()
        try #require(fstat(descriptor, &status) == 0)
        let length = Int(status.st_size), page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapping = try #require(mmap(nil, length, PROT_READ, MAP_SHARED, descriptor, 0))
        try #require(mapping != MAP_FAILED)
        defer { munmap(mapping, length) }
        var vector = [UInt8](repeating: 0, count: (length + page - 1) / page)
        try #require(mincore(mapping, length, &vector) == 0)
        return vector.map { $0 & 1 == 1 }
    }

    /// Whether the temporary directories' file system drops pages on advice at all (tmpfs does
    /// not): a file written plainly, flushed, then advised whole.
    static func fileSystemDropsPages() throws -> Bool {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("plain").path
        let file = try OutputFile(creating: plain)
        let megabyte = [UInt8](repeating: 7, count: 1 << 20)
        for _ in 0..<8 { try megabyte.withUnsafeBytes { try file.write($0) } }
        try file.finish()
        let descriptor = open(plain, O_RDONLY | O_CLOEXEC)
        posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)
        close(descriptor)
        let resident = try residentPages(plain)
        return resident.filter { $0 }.count < resident.count / 2
    }

    @Test("a streamed output larger than the lag reads back whole, and its early pages leave the cache where the file system drops pages")
    func streamedOutput() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pieceSize = 1 << 20
        let pieces = 48
        let streamed = directory.appendingPathComponent("report.json").path
        try OutputFile.write(to: streamed) { write in
            for index in 0..<pieces {
                // Strings of one byte repeated: each piece's bytes say where it belongs.
                write(String(repeating: String(UnicodeScalar(UInt8(65 + index % 26))), count: pieceSize))
            }
        }
        let data = try #require(FileManager.default.contents(atPath: streamed))
        #expect(data.count == pieces << 20)
        for index in 0..<pieces {
            let expected = UInt8(65 + index % 26)
            #expect(data[(index << 20)..<((index + 1) << 20)].allSatisfy { $0 == expected }, "piece \(index) came back changed")
        }

        guard try Self.fileSystemDropsPages() else { return }

        // Reading the file back above cached it again; write it once more and look before reading.
        try FileManager.default.removeItem(atPath: streamed)
        try OutputFile.write(to: streamed) { write in
            for _ in 0..<pieces { write(String(repeating: "x", count: pieceSize)) }
        }
        let resident = try Self.residentPages(streamed)
        let behind = WriteBehind()
        let early = (pieces << 20 - behind.lag - behind.window) / Int(sysconf(Int32(_SC_PAGESIZE)))
        #expect(resident[..<early].filter { $0 }.count < early / 4, "pages well behind the end of the file are still cached")
    }
}
