import Foundation
import VoxText

/// The `PhraseExtractor.Memo`s of a run, lent to one scoring chunk at a time: a memo made per
/// chunk started cold every 2,048 records and stemmed the same forms again, so memos live for
/// the run and pass from chunk to chunk (one per worker in practice). Which memo a chunk gets
/// never changes what it computes.
final class WordMemoPool: @unchecked Sendable {
    private let lock = NSLock()
    // Under `lock`.
    private var idle: [PhraseExtractor.Memo] = []

    /// A memo no other chunk holds; give it back with `giveBack` when the chunk is scored.
    func take() -> PhraseExtractor.Memo {
        lock.withLock { idle.popLast() } ?? PhraseExtractor.Memo()
    }

    func giveBack(_ memo: PhraseExtractor.Memo) {
        lock.withLock { idle.append(memo) }
    }
}
