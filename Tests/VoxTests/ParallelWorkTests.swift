import Foundation
import Testing
@testable import VoxAggregate

/// The conversation pass shares its partitions among threads through `ParallelWork.map`: values
/// come back in index order, and a failure is reported the same way whatever the timing.
@Suite("Parallel work")
struct ParallelWorkTests {
    struct Failed: Error, Equatable {
        var index: Int
    }

    /// Counts the pieces that ended, from any thread.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    @Test("values come back in index order, for one piece and for several")
    func order() throws {
        #expect(try ParallelWork.map(1) { $0 * 10 } == [0])
        #expect(try ParallelWork.map(5) { index in
            // The first pieces take longest, so that they end last.
            usleep(UInt32(5 - index) * 2_000)
            return index * 10
        } == [0, 10, 20, 30, 40])
        #expect(try ParallelWork.map(0) { $0 }.isEmpty)
    }

    @Test("when pieces fail, the lowest index's error is thrown after every piece has ended")
    func failures() {
        let ended = Counter()
        #expect(throws: Failed(index: 1)) {
            try ParallelWork.map(4) { index in
                defer { ended.add() }
                // Piece 3 fails first; piece 1's error is the one reported.
                usleep(index == 1 ? 20_000 : 0)
                if index == 1 || index == 3 { throw Failed(index: index) }
                return index
            }
        }
        #expect(ended.value == 4)
    }
}
