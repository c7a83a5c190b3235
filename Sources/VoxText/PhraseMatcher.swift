/// Finds every occurrence of many `TokenPattern`s in a text in one left-to-right pass.
///
/// Compiling: each pattern is split at its gaps into gap-free segments. Every word slot of every
/// segment is a position (Glushkov's construction: `follow` says which slot may come next), and
/// the subset construction turns all segments together into one deterministic automaton that
/// starts a match at every token, as Aho–Corasick does for plain strings. Matching then costs one
/// transition lookup per token, however many patterns there are: linear in the text's length,
/// with no regular expression per pattern per text.
///
/// The automaton's states carry where each partial match began: a state is a set of (position,
/// offset) pairs, the offset counting the tokens since the segment's first word, so a state that
/// ends a segment also lists every token where that segment can have begun (segments have no
/// loops, so offsets are bounded by the segment's longest length). A match's span is known when
/// it ends, with no walk back over the text. Patterns with gaps join their segments: a segment
/// counts when an earlier segment of the same pattern ended between `min` and `max` tokens
/// before it and every token in between is a word that is not a negation (a gap never crosses
/// punctuation or a "not").
///
/// Words are compared as `PhraseNormalizer` keys, interned as symbols when compiling; a word that
/// no pattern mentions is one shared symbol. Callers keep their own data per pattern, by the
/// index `Builder.add` returned. Reusable for any phrase list (empathy lexicon, taxonomy phrases).
public struct PhraseMatcher: Sendable {
    /// Symbols below `firstWordSymbol` stand for punctuation and unknown words.
    public static let otherWord: Int32 = 0
    public static let clauseBreak: Int32 = 1
    public static let comma: Int32 = 2
    public static let questionMark: Int32 = 3
    static let firstWordSymbol: Int32 = 4

    /// Words that negate what follows them (as keys): `not` (also from `n't`), `no`, `never`…
    public static let defaultNegators = ["not", "no", "never", "nobody", "none", "neither", "nor", "without", "hardly", "barely", "nothing"]

    let vocabulary: ByteTable
    /// Per symbol: true for negations.
    let negator: [Bool]
    /// Words whose symbols are known without normalising them.
    let knownWords: KnownWords

    // The automaton. State 0 is "nothing under way".
    /// Per symbol, the state after that token when no partial match continues with it.
    let startRow: [Int32]
    /// Per state, its explicit transitions `transitionSymbols[from..<to]` → `transitionTargets`.
    let transitionStart: [Int32]
    let transitionSymbols: [Int32]
    let transitionTargets: [Int32]
    /// Per state, the segments that end when it is reached: `outputs[outputStart[s]..<outputStart[s+1]]`.
    let outputStart: [Int32]
    let outputs: [Int32]
    /// Per output, how many tokens before the current one the segment can have begun, smallest
    /// first (latest start first): `startOffsets[offsetStart[o]..<offsetStart[o+1]]`.
    let offsetStart: [Int32]
    let startOffsets: [Int32]

    /// Per segment, for joining across gaps.
    let segments: [Segment]

    /// Positions of all segments (for diagnostics and benchmarks).
    public let positionCount: Int
    public let patternCount: Int

    /// Automaton states and positions (for diagnostics and benchmarks).
    public var stateCount: Int { transitionStart.count - 1 }

    struct Segment: Sendable {
        var pattern: Int32
        /// Index of the segment within its pattern; the gap before it applies when > 0.
        var index: Int32
        var isLast: Bool
        var gapMin: Int32
        var gapMax: Int32
    }

    /// A match: pattern `pattern` covers tokens `start..<end` of the scanned text.
    public struct Match: Sendable, Hashable {
        public var pattern: Int
        public var start: Int
        public var end: Int
    }

    // MARK: Matching

    /// Every match of every pattern, ordered by end token, then pattern. For each pattern and end
    /// token the earliest start is reported (the longest match ending there).
    public func matches(in text: PhraseText) -> [Match] {
        var found: [Match] = []
        // Room for a typical reply's matches at once, rather than growing 1, 2, 4, 8.
        found.reserveCapacity(16)
        var joins = SegmentJoins()
        let tokens = text.tokens
        var state: Int32 = 0
        for index in 0..<tokens.count {
            let symbol = tokens[index].symbol
            if symbol == Self.otherWord {
                state = 0
                continue
            }
            state = transition(state, symbol)
            let from = Int(outputStart[Int(state)]), to = Int(outputStart[Int(state) + 1])
            guard from < to else { continue }
            for output in from..<to {
                let segment = segments[Int(outputs[output])]
                let offsets = startOffsets[Int(offsetStart[output])..<Int(offsetStart[output + 1])]
                if segment.index == 0, segment.isLast {
                    found.append(Match(pattern: Int(segment.pattern), start: index - Int(offsets.last!), end: index + 1))
                    continue
                }
                if let start = joins.join(segment, id: Int(outputs[output]), offsets: offsets, end: index + 1, matcher: self, tokens: tokens),
                   segment.isLast {
                    found.append(Match(pattern: Int(segment.pattern), start: start, end: index + 1))
                }
            }
        }
        found.sort { ($0.end, $0.pattern, $0.start) < ($1.end, $1.pattern, $1.start) }
        return found
    }

    @inline(__always)
    func transition(_ state: Int32, _ symbol: Int32) -> Int32 {
        var low = Int(transitionStart[Int(state)]), high = Int(transitionStart[Int(state) + 1])
        while low < high {
            let middle = (low + high) / 2
            let candidate = transitionSymbols[middle]
            if candidate == symbol { return transitionTargets[middle] }
            if candidate < symbol { low = middle + 1 } else { high = middle }
        }
        return startRow[Int(symbol)]
    }

    /// Segment matches of patterns with gaps, kept while scanning one text so that a later
    /// segment can join an earlier one.
    struct SegmentJoins {
        /// Ends of segments that a later segment may join: (segment id, end token, start of the
        /// whole chain so far). A text has few, so a list searched in full beats a dictionary.
        var ends: [(segment: Int, end: Int, chainStart: Int)] = []
        /// Tokens before index i that a gap cannot cover (punctuation, negations); built on first use.
        var blocked: [Int32] = []

        /// Records a segment match that began `offsets` tokens before its last one; returns the
        /// chain's start when it joins (or starts) a chain.
        mutating func join(
            _ segment: Segment, id: Int, offsets: ArraySlice<Int32>, end: Int, matcher: PhraseMatcher, tokens: [PhraseText.Token]
        ) -> Int? {
            var chainStart: Int?
            if segment.index == 0 {
                chainStart = end - 1 - Int(offsets.last!)
            } else {
                if blocked.isEmpty {
                    blocked.reserveCapacity(tokens.count + 1)
                    blocked.append(0)
                    for token in tokens {
                        let symbol = token.symbol
                        let blocks = (symbol != PhraseMatcher.otherWord && symbol < PhraseMatcher.firstWordSymbol) || matcher.negator[Int(symbol)]
                        blocked.append(blocked.last! + (blocks ? 1 : 0))
                    }
                }
                for offset in offsets {
                    let start = end - 1 - Int(offset)
                    for earlier in ends where earlier.segment == id - 1 {
                        let gap = start - earlier.end
                        guard gap >= Int(segment.gapMin), gap <= Int(segment.gapMax), blocked[start] == blocked[earlier.end] else { continue }
                        chainStart = min(chainStart ?? earlier.chainStart, earlier.chainStart)
                    }
                }
            }
            guard let chainStart else { return nil }
            if !segment.isLast { ends.append((id, end, chainStart)) }
            return chainStart
        }
    }

    /// The negation that governs a match, if any: a negator among the (at most) `window` words
    /// before its first token, within the same clause. Returns its token index.
    public func negation(of match: Match, in text: PhraseText, window: Int = 3) -> Int? {
        var index = match.start - 1
        var words = 0
        while index >= 0, words < window {
            let symbol = text.tokens[index].symbol
            if symbol == Self.clauseBreak || symbol == Self.comma || symbol == Self.questionMark { return nil }
            if negator[Int(symbol)] { return index }
            words += 1
            index -= 1
        }
        return nil
    }

    public func isNegator(_ token: PhraseText.Token) -> Bool { negator[Int(token.symbol)] }

    /// The symbol of a key, `otherWord` when no pattern uses it.
    public func symbol(ofKey key: String) -> Int32 {
        vocabulary.find(key) ?? Self.otherWord
    }

    // MARK: Building

    /// Collects word classes and patterns, then compiles them into a `PhraseMatcher`.
    public struct Builder: Sendable {
        private var classes: [String: TokenPattern] = [:]
        private var patterns: [TokenPattern] = []
        private let negators: [String]

        public init(negators: [String] = PhraseMatcher.defaultNegators) {
            self.negators = negators
        }

        public var patternCount: Int { patterns.count }

        public func hasClass(_ name: String) -> Bool { classes[name] != nil }

        /// Defines `@name` as the alternatives in `text` (`frustrating | stressful | a bit much`).
        /// Classes may use classes defined before them.
        public mutating func defineClass(_ name: String, _ text: String) throws(TokenPatternError) {
            let parsed = try TokenPattern.parseAlternatives(text)
            try checkClasses(parsed, in: text)
            classes[name] = parsed
        }

        /// Parses, checks and adds a pattern; returns its index in `Match.pattern`.
        public mutating func add(_ text: String) throws(TokenPatternError) -> Int {
            let parsed = try TokenPattern.parse(text)
            try checkClasses(parsed, in: text)
            let resolved = resolve(parsed)
            try Self.checkSegments(resolved)
            patterns.append(resolved)
            return patterns.count - 1
        }

        /// Gaps split a pattern into segments: none may be empty or all optional, because a
        /// segment must anchor the gap next to it.
        static func checkSegments(_ pattern: TokenPattern) throws(TokenPatternError) {
            let items: [TokenPattern]
            if case .sequence(let list) = pattern { items = list } else { items = [pattern] }
            var segments: [[TokenPattern]] = [[]]
            for item in items {
                if case .gap = item { segments.append([]) } else { segments[segments.count - 1].append(item) }
            }
            if segments.count > 1, segments.first!.isEmpty {
                throw TokenPatternError(column: 1, message: "a pattern cannot begin with a gap; start it with a word")
            }
            if segments.count > 1, segments.last!.isEmpty {
                throw TokenPatternError(column: 1, message: "a pattern cannot end with a gap; end it with a word")
            }
            for segment in segments where TokenPattern.sequence(segment).isNullable {
                throw TokenPatternError(
                    column: 1,
                    message: segments.count == 1
                        ? "the pattern can match no words at all; make at least one word required"
                        : "the words between two gaps (or between a gap and an end) cannot all be optional"
                )
            }
        }

        private func checkClasses(_ pattern: TokenPattern, in text: String) throws(TokenPatternError) {
            for name in pattern.wordClasses where classes[name] == nil {
                let column = text.range(of: "@" + name).map { text.distance(from: text.startIndex, to: $0.lowerBound) + 1 } ?? 1
                throw TokenPatternError(column: column, message: "unknown word class `@\(name)`; define it on an earlier line")
            }
        }

        private func resolve(_ pattern: TokenPattern) -> TokenPattern {
            switch pattern {
            case .wordClass(let name): return resolve(classes[name]!)
            case .optional(let inner): return .optional(resolve(inner))
            case .sequence(let items): return .sequence(items.map(resolve))
            case .choice(let items): return .choice(items.map(resolve))
            case .word, .punctuation, .gap: return pattern
            }
        }

        /// Compiles the patterns. `commonWords` (stop words, say) join the words whose symbols are
        /// worked out now rather than for each occurrence (`KnownWords`); they change no match.
        public func build(commonWords: [String] = []) -> PhraseMatcher {
            var compiler = Compiler(negators: negators)
            for (index, pattern) in patterns.enumerated() { compiler.compile(pattern, index: index) }
            return compiler.finish(patternCount: patterns.count, commonWords: commonWords + negators)
        }
    }

    /// Glushkov's construction per segment, then the subset construction over all of them.
    struct Compiler {
        var vocabulary = ByteTable()
        var symbolCount = PhraseMatcher.firstWordSymbol
        var negatorSymbols: Set<Int32> = []
        var symbols: [[Int32]] = []
        var follow: [[Int32]] = []
        var lastOfSegment: [Int32] = []
        var segments: [Segment] = []
        var first: [Int32: [Int32]] = [:]
        /// Every word the patterns write, as written.
        var patternWords: Set<String> = []

        init(negators: [String]) {
            for word in negators {
                for key in PhraseNormalizer.shared.keys(word) { negatorSymbols.insert(symbol(key)) }
            }
        }

        mutating func symbol(_ key: String) -> Int32 {
            let bytes = Array(key.utf8)
            if let existing = vocabulary.find(bytes[...]) { return existing }
            vocabulary.insert(bytes, value: symbolCount)
            symbolCount += 1
            return symbolCount - 1
        }

        struct Fragment {
            var nullable: Bool
            var first: [Int32]
            var last: [Int32]
        }

        mutating func newPosition(symbols accepted: [Int32]) -> Int32 {
            symbols.append(Array(Set(accepted)).sorted())
            follow.append([])
            lastOfSegment.append(-1)
            return Int32(symbols.count - 1)
        }

        /// Splits the pattern at its gaps (which the builder allows only at the top level).
        mutating func compile(_ pattern: TokenPattern, index: Int) {
            let items: [TokenPattern]
            if case .sequence(let list) = pattern { items = list } else { items = [pattern] }
            var parts: [(items: [TokenPattern], gapMin: Int, gapMax: Int)] = [([], 0, 0)]
            for item in items {
                if case .gap(let low, let high) = item {
                    parts.append(([], low, high))
                } else {
                    parts[parts.count - 1].items.append(item)
                }
            }
            for (number, part) in parts.enumerated() {
                let fragment = concatenate(part.items.map { build($0) })
                let id = Int32(segments.count)
                segments.append(Segment(
                    pattern: Int32(index), index: Int32(number), isLast: number == parts.count - 1,
                    gapMin: Int32(part.gapMin), gapMax: Int32(part.gapMax)
                ))
                for position in fragment.last { lastOfSegment[Int(position)] = id }
                for position in fragment.first {
                    for symbol in symbols[Int(position)] { first[symbol, default: []].append(position) }
                }
            }
        }

        mutating func build(_ pattern: TokenPattern) -> Fragment {
            switch pattern {
            case .word(let word):
                patternWords.insert(word)
                let keys = PhraseNormalizer.shared.keys(word).filter { !$0.isEmpty }
                let items = keys.map { key -> Fragment in
                    let position = newPosition(symbols: [symbol(key)])
                    return Fragment(nullable: false, first: [position], last: [position])
                }
                return concatenate(items)
            case .punctuation(let mark):
                let position = newPosition(symbols: [mark == "?" ? PhraseMatcher.questionMark : PhraseMatcher.comma])
                return Fragment(nullable: false, first: [position], last: [position])
            case .sequence(let items):
                return concatenate(items.map { build($0) })
            case .choice(let items):
                // Alternatives that are single one-key words share one position.
                var singleSymbols: [Int32] = []
                var fragments: [Fragment] = []
                for item in items {
                    if case .word(let word) = item {
                        patternWords.insert(word)
                        let keys = PhraseNormalizer.shared.keys(word).filter { !$0.isEmpty }
                        if keys.count == 1 {
                            singleSymbols.append(symbol(keys[0]))
                            continue
                        }
                    }
                    fragments.append(build(item))
                }
                if !singleSymbols.isEmpty {
                    let position = newPosition(symbols: singleSymbols)
                    fragments.append(Fragment(nullable: false, first: [position], last: [position]))
                }
                return Fragment(
                    nullable: fragments.contains(where: \.nullable),
                    first: fragments.flatMap(\.first), last: fragments.flatMap(\.last)
                )
            case .optional(let inner):
                var fragment = build(inner)
                fragment.nullable = true
                return fragment
            case .gap, .wordClass:
                preconditionFailure("gaps are split off and word classes resolved before building")
            }
        }

        mutating func concatenate(_ items: [Fragment]) -> Fragment {
            var result = Fragment(nullable: true, first: [], last: [])
            for item in items {
                for position in result.last { follow[Int(position)] += item.first }
                if result.nullable { result.first += item.first }
                result.last = item.nullable ? result.last + item.last : item.last
                result.nullable = result.nullable && item.nullable
            }
            return result
        }

        /// A live position and how many tokens before the current one its segment began, packed
        /// in one integer so that a state is a sorted array of them.
        static func item(_ position: Int32, offset: Int32) -> Int64 { Int64(position) << 32 | Int64(offset) }
        static func position(_ item: Int64) -> Int32 { Int32(truncatingIfNeeded: item >> 32) }
        static func offset(_ item: Int64) -> Int32 { Int32(truncatingIfNeeded: item) }

        /// A state's items as a dictionary key, hashed once with FNV-1a: the construction looks up
        /// every transition's target, and hashing the array with the standard hasher each time
        /// made compiling the empathy lexicon take several times longer.
        struct StateKey: Hashable {
            let items: [Int64]
            let hash: UInt64

            init(_ items: [Int64]) {
                self.items = items
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for item in items { hash = (hash ^ UInt64(bitPattern: item)) &* 0x0000_0100_0000_01B3 }
                self.hash = hash
            }

            func hash(into hasher: inout Hasher) { hasher.combine(hash) }
            static func == (a: StateKey, b: StateKey) -> Bool { a.hash == b.hash && a.items == b.items }
        }

        /// Sorts and removes repeated elements in place.
        static func sortUnique<T: Comparable>(_ list: inout [T]) {
            list.sort()
            var kept = 0
            for element in list where kept == 0 || list[kept - 1] != element {
                list[kept] = element
                kept += 1
            }
            list.removeLast(list.count - kept)
        }

        func finish(patternCount: Int, commonWords: [String]) -> PhraseMatcher {
            var negator = Array(repeating: false, count: Int(symbolCount))
            for symbol in negatorSymbols { negator[Int(symbol)] = true }
            let follow = self.follow.map { Array(Set($0)).sorted() }
            // Subset construction over (position, offset) items. Segments have no loops, so every
            // offset is below the segment's longest length and the construction ends.
            var stateIDs: [StateKey: Int32] = [StateKey([]): 0]
            var states: [[Int64]] = [[]]
            func intern(_ set: [Int64]) -> Int32 {
                let key = StateKey(set)
                if let id = stateIDs[key] { return id }
                let id = Int32(states.count)
                stateIDs[key] = id
                states.append(set)
                return id
            }
            var startItems = [[Int64]](repeating: [], count: Int(symbolCount))
            for (symbol, positions) in first { startItems[Int(symbol)] = Array(Set(positions)).sorted().map { Self.item($0, offset: 0) } }
            var startRow = Array(repeating: Int32(0), count: Int(symbolCount))
            for symbol in first.keys.sorted() { startRow[Int(symbol)] = intern(startItems[Int(symbol)]) }
            var transitionStart: [Int32] = []
            var transitionSymbols: [Int32] = []
            var transitionTargets: [Int32] = []
            var outputStart: [Int32] = []
            var outputs: [Int32] = []
            var offsetStart: [Int32] = []
            var startOffsets: [Int32] = []
            // The moves out of one state as (symbol, item) pairs, sorted to group them by symbol.
            var moves: [(symbol: Int32, item: Int64)] = []
            var target: [Int64] = []
            var ended: [Int64] = []
            var next = 0
            while next < states.count {
                let state = states[next]
                next += 1
                moves.removeAll(keepingCapacity: true)
                for item in state {
                    let offset = Self.offset(item) + 1
                    for candidate in follow[Int(Self.position(item))] {
                        for symbol in symbols[Int(candidate)] { moves.append((symbol, Self.item(candidate, offset: offset))) }
                    }
                }
                moves.sort { ($0.symbol, $0.item) < ($1.symbol, $1.item) }
                transitionStart.append(Int32(transitionSymbols.count))
                var index = 0
                while index < moves.count {
                    let symbol = moves[index].symbol
                    target.removeAll(keepingCapacity: true)
                    while index < moves.count, moves[index].symbol == symbol {
                        target.append(moves[index].item)
                        index += 1
                    }
                    // A move's offset is at least 1 and a new start's is 0: the items never clash,
                    // and a target with moves is never the start row's state.
                    target += startItems[Int(symbol)]
                    Self.sortUnique(&target)
                    transitionSymbols.append(symbol)
                    transitionTargets.append(intern(target))
                }
                outputStart.append(Int32(outputs.count))
                // (segment, offset) pairs of the segments that end here, grouped by segment.
                ended.removeAll(keepingCapacity: true)
                for item in state where lastOfSegment[Int(Self.position(item))] >= 0 {
                    ended.append(Int64(lastOfSegment[Int(Self.position(item))]) << 32 | Int64(Self.offset(item)))
                }
                Self.sortUnique(&ended)
                for (number, pair) in ended.enumerated() {
                    let segment = Int32(truncatingIfNeeded: pair >> 32)
                    if number == 0 || Int32(truncatingIfNeeded: ended[number - 1] >> 32) != segment {
                        outputs.append(segment)
                        offsetStart.append(Int32(startOffsets.count))
                    }
                    startOffsets.append(Int32(truncatingIfNeeded: pair))
                }
            }
            transitionStart.append(Int32(transitionSymbols.count))
            outputStart.append(Int32(outputs.count))
            offsetStart.append(Int32(startOffsets.count))
            return PhraseMatcher(
                vocabulary: vocabulary, negator: negator,
                knownWords: KnownWords(patternWords: patternWords, extraWords: commonWords, vocabulary: vocabulary), startRow: startRow, transitionStart: transitionStart,
                transitionSymbols: transitionSymbols, transitionTargets: transitionTargets, outputStart: outputStart,
                outputs: outputs, offsetStart: offsetStart, startOffsets: startOffsets, segments: segments,
                positionCount: symbols.count, patternCount: patternCount
            )
        }
    }
}
