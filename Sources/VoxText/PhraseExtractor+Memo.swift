import VoxModel

extension PhraseExtractor {
    /// Remembers what `words` made of each word form it met, so that a form is stemmed and
    /// looked up once rather than at every occurrence (stemming was the larger part of reading a
    /// complaint's words). Used by one thread at a time (a run lends its memos from chunk to
    /// chunk) and bounded: it starts over past `capacity` forms. Results never depend on it.
    ///
    /// Keyed by the form's lowercased bytes in an open-addressing table with FNV-1a hashes, not a
    /// `[String: Analysis]`: most words of a run are forms met before, and making a `String` per
    /// word and hashing it with SipHash cost more than the rest of reading the word.
    public final class Memo {
        // One stored property, reached in one access per text: a class's stored properties are
        // checked for exclusive access at run time at every access.
        private var table: Table

        public init(capacity: Int = 1 << 15) {
            table = Table(capacity: max(1, capacity))
        }

        var count: Int { table.analyses.count }

        /// Runs `body` with the memo's table: `words` looks up every word of a text in one access.
        func withTable<Result>(_ body: (inout Table) -> Result) -> Result { body(&table) }

        /// Forms are compared and hashed with ASCII capitals lowercased, which leaves a form
        /// lowercased already as it is.
        struct Table {
            let capacity: Int
            /// Entry number + 1 for each slot (0: empty); at least twice the capacity, a power of two.
            var slots: [Int32]
            var hashes: [UInt64] = []
            var analyses: [Analysis] = []
            /// The forms' lowercased bytes back to back; entry i's form ends at `formEnds[i]`.
            var formBytes: [UInt8] = []
            var formEnds: [Int] = []

            init(capacity: Int) {
                self.capacity = capacity
                var slotCount = 16
                while slotCount < 2 * capacity { slotCount *= 2 }
                slots = Array(repeating: 0, count: slotCount)
            }

            /// The analysis of `form` (lowercased already), made by `make` the first time it is asked for.
            mutating func analysis(of form: String, making make: (String) -> Analysis) -> Analysis {
                form.withUTF8Bytes { bytes in analysis(ofBytes: bytes) { make(form) } }
            }

            /// The analysis of an ASCII word as written (any case), made by `make` from its
            /// lowercased form the first time it is asked for.
            mutating func analysis(ofASCII word: UnsafeBufferPointer<UInt8>, making make: (String) -> Analysis) -> Analysis {
                analysis(ofBytes: word) {
                    make(String(unsafeUninitializedCapacity: word.count) { form in
                        for offset in word.indices { form[offset] = Self.lowercased(word[offset]) }
                        return word.count
                    })
                }
            }

            @inline(__always)
            static func lowercased(_ byte: UInt8) -> UInt8 {
                byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            }

            private mutating func analysis(ofBytes form: UnsafeBufferPointer<UInt8>, making make: () -> Analysis) -> Analysis {
                var hash = PhraseHash.start
                for byte in form { hash = PhraseHash.add(Self.lowercased(byte), to: hash) }
                var slot = firstSlot(hash)
                while case let entry = Int(slots[slot]), entry != 0 {
                    if hashes[entry - 1] == hash, formEquals(entry - 1, form) { return analyses[entry - 1] }
                    slot = (slot + 1) & (slots.count - 1)
                }
                let made = make()
                if analyses.count >= capacity {
                    startOver()
                    slot = firstSlot(hash)
                }
                hashes.append(hash)
                analyses.append(made)
                for byte in form { formBytes.append(Self.lowercased(byte)) }
                formEnds.append(formBytes.count)
                slots[slot] = Int32(analyses.count)
                return made
            }

            private func firstSlot(_ hash: UInt64) -> Int {
                PhraseHash.slot(hash, mask: slots.count - 1)
            }

            private func formEquals(_ entry: Int, _ form: UnsafeBufferPointer<UInt8>) -> Bool {
                let start = entry == 0 ? 0 : formEnds[entry - 1]
                guard formEnds[entry] - start == form.count else { return false }
                return formBytes.withUnsafeBufferPointer { stored in
                    for offset in 0..<form.count where stored[start + offset] != Self.lowercased(form[offset]) { return false }
                    return true
                }
            }

            private mutating func startOver() {
                slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                hashes.removeAll(keepingCapacity: true)
                analyses.removeAll(keepingCapacity: true)
                formBytes.removeAll(keepingCapacity: true)
                formEnds.removeAll(keepingCapacity: true)
            }
        }
    }
}
