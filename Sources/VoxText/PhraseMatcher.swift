/// Finds every occurrence of many `TokenPattern`s in a text in one left-to-right pass.
///
/// Compiling: each pattern is split at its gaps into gap-free segments. Every word slot of every
/// segment is a position (Glushkov's construction: `follow` says which slot may come next), and
/// the subset construction turns all segments together into one deterministic automaton that
/// starts a match at every token, as Aho–Corasick does for plain strings. Matching then costs one
/// transition lookup per token, however many patterns there are: linear in the text's length,
/// with no regular expression per pattern per text.
///
/// When a state says a segment ended, a short backward walk over that segment's positions finds
/// where it began. Patterns with gaps join their segments: a segment counts when an earlier
/// segment of the same pattern ended between `min` and `max` tokens before it and every token in
/// between is a word that is not a negation (a gap never crosses punctuation or a "not").
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
    let normalizer = PhraseNormalizer.shared

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

    // Segments, for finding starts and joining across gaps.
    let segments: [Segment]
    /// Per position: accepted symbols `positionSymbols[from..<to]`, and the positions before it.
    let positionSymbolStart: [Int32]
    let positionSymbols: [Int32]
    let precedeStart: [Int32]
    let precedeList: [Int32]
    let isFirstPosition: [Bool]
    /// Per segment, its last positions.
    let segmentLastStart: [Int32]
    let segmentLastList: [Int32]

    public let patternCount: Int

    /// Automaton states and positions (for diagnostics and benchmarks).
    public var stateCount: Int { transitionStart.count - 1 }
    public var positionCount: Int { positionSymbolStart.count - 1 }

    struct Segment: Sendable {
        var pattern: Int32
        /// Index of the segment within its pattern; the gap before it applies when > 0.
        var index: Int32
        var isLast: Bool
        var gapMin: Int32
        var gapMax: Int32
        /// Tokens the segment always spans, or -1 when its length varies (optional words,
        /// alternatives of different lengths): then its start is found by walking back.
        var fixedLength: Int32
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
        var joins = SegmentJoins()
        var walk = BackwardWalk()
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
                if segment.fixedLength > 0 {
                    walk.startCount = 0
                    walk.addStart(index + 1 - Int(segment.fixedLength))
                } else {
                    starts(ofSegment: Int(outputs[output]), endingAt: index + 1, in: tokens, walk: &walk)
                }
                if segment.index == 0, segment.isLast {
                    found.append(Match(pattern: Int(segment.pattern), start: walk.earliestStart, end: index + 1))
                    continue
                }
                if let start = joins.join(segment, id: Int(outputs[output]), starts: walk.starts[0..<walk.startCount], end: index + 1, matcher: self, tokens: tokens),
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

    /// Whether `position` accepts `symbol`: a binary search in its sorted symbols (a word class
    /// position can hold dozens).
    func accepts(_ position: Int32, _ symbol: Int32) -> Bool {
        var low = Int(positionSymbolStart[Int(position)])
        var high = Int(positionSymbolStart[Int(position) + 1])
        while low < high {
            let middle = (low + high) / 2
            let candidate = positionSymbols[middle]
            if candidate == symbol { return true }
            if candidate < symbol { low = middle + 1 } else { high = middle }
        }
        return false
    }

    /// The position sets and starts of `starts(ofSegment:)`, kept across the segment ends of one
    /// text. Each list is an array used up to its own count: emptying it is setting the count,
    /// and the array grows only when a text needs more room than any before it.
    struct BackwardWalk {
        var current = [Int32](repeating: 0, count: 16)
        var currentCount = 0
        var previous = [Int32](repeating: 0, count: 16)
        var previousCount = 0
        /// The tokens where the segment can begin, latest first.
        var starts = [Int](repeating: 0, count: 8)
        var startCount = 0

        /// The earliest start (the last found, as the walk goes backwards).
        var earliestStart: Int { starts[startCount - 1] }

        mutating func addStart(_ token: Int) {
            if startCount == starts.count { starts += starts }
            starts[startCount] = token
            startCount += 1
        }

        mutating func addCurrent(_ position: Int32) {
            if currentCount == current.count { current += current }
            current[currentCount] = position
            currentCount += 1
        }

        /// Adds `position` to the previous set unless it is there already.
        mutating func addPrevious(_ position: Int32) {
            for index in 0..<previousCount where previous[index] == position { return }
            if previousCount == previous.count { previous += previous }
            previous[previousCount] = position
            previousCount += 1
        }

        /// The previous set becomes the current one, and the previous one is emptied.
        mutating func step() {
            swap(&current, &previous)
            currentCount = previousCount
            previousCount = 0
        }
    }

    /// Where a segment that ends before token `end` can begin: a backward walk over its positions.
    /// Leaves the starts in `walk.starts[0..<walk.startCount]`.
    func starts(ofSegment segment: Int, endingAt end: Int, in tokens: [PhraseText.Token], walk: inout BackwardWalk) {
        walk.currentCount = 0
        walk.previousCount = 0
        walk.startCount = 0
        for index in Int(segmentLastStart[segment])..<Int(segmentLastStart[segment + 1]) {
            let position = segmentLastList[index]
            if accepts(position, tokens[end - 1].symbol) { walk.addCurrent(position) }
        }
        var token = end - 1
        while walk.currentCount > 0 {
            for index in 0..<walk.currentCount where isFirstPosition[Int(walk.current[index])] {
                walk.addStart(token)
                break
            }
            token -= 1
            guard token >= 0 else { break }
            let symbol = tokens[token].symbol
            for current in 0..<walk.currentCount {
                let position = walk.current[current]
                for index in Int(precedeStart[Int(position)])..<Int(precedeStart[Int(position) + 1]) {
                    let candidate = precedeList[index]
                    if accepts(candidate, symbol) { walk.addPrevious(candidate) }
                }
            }
            walk.step()
        }
    }

    /// Segment matches of patterns with gaps, kept while scanning one text so that a later
    /// segment can join an earlier one.
    struct SegmentJoins {
        /// Ends of segments that a later segment may join: (segment id, end token, start of the
        /// whole chain so far). A text has few, so a list searched in full beats a dictionary.
        var ends: [(segment: Int, end: Int, chainStart: Int)] = []
        /// Tokens before index i that a gap cannot cover (punctuation, negations); built on first use.
        var blocked: [Int32] = []

        /// Records a segment match; returns the chain's start when it joins (or starts) a chain.
        mutating func join(
            _ segment: Segment, id: Int, starts: ArraySlice<Int>, end: Int, matcher: PhraseMatcher, tokens: [PhraseText.Token]
        ) -> Int? {
            var chainStart: Int?
            if segment.index == 0 {
                chainStart = starts.min()
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
                for start in starts {
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

        public func build() -> PhraseMatcher {
            var compiler = Compiler(negators: negators)
            for (index, pattern) in patterns.enumerated() { compiler.compile(pattern, index: index) }
            return compiler.finish(patternCount: patterns.count)
        }
    }

    /// Glushkov's construction per segment, then the subset construction over all of them.
    struct Compiler {
        var vocabulary = ByteTable()
        var symbolCount = PhraseMatcher.firstWordSymbol
        var negatorSymbols: Set<Int32> = []
        var symbols: [[Int32]] = []
        var follow: [[Int32]] = []
        var isFirst: [Bool] = []
        var lastOfSegment: [Int32] = []
        var segments: [Segment] = []
        var segmentLast: [[Int32]] = []
        var first: [Int32: [Int32]] = [:]

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
            isFirst.append(false)
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
                let lengths = part.items.map(Self.lengths).reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
                segments.append(Segment(
                    pattern: Int32(index), index: Int32(number), isLast: number == parts.count - 1,
                    gapMin: Int32(part.gapMin), gapMax: Int32(part.gapMax),
                    fixedLength: lengths.0 == lengths.1 ? Int32(lengths.0) : -1
                ))
                segmentLast.append(fragment.last.sorted())
                for position in fragment.last { lastOfSegment[Int(position)] = id }
                for position in fragment.first {
                    isFirst[Int(position)] = true
                    for symbol in symbols[Int(position)] { first[symbol, default: []].append(position) }
                }
            }
        }

        /// The fewest and most tokens a gap-free pattern part can match.
        static func lengths(_ pattern: TokenPattern) -> (Int, Int) {
            switch pattern {
            case .word(let word):
                let count = PhraseNormalizer.shared.keys(word).filter { !$0.isEmpty }.count
                return (count, count)
            case .punctuation: return (1, 1)
            case .sequence(let items): return items.map(lengths).reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
            case .choice(let items):
                let all = items.map(lengths)
                return (all.map(\.0).min() ?? 0, all.map(\.1).max() ?? 0)
            case .optional(let inner): return (0, lengths(inner).1)
            case .gap(let low, let high): return (low, high)
            case .wordClass: return (0, 0)
            }
        }

        mutating func build(_ pattern: TokenPattern) -> Fragment {
            switch pattern {
            case .word(let word):
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

        func finish(patternCount: Int) -> PhraseMatcher {
            var negator = Array(repeating: false, count: Int(symbolCount))
            for symbol in negatorSymbols { negator[Int(symbol)] = true }
            let follow = self.follow.map { Array(Set($0)).sorted() }
            // Subset construction. A state is the sorted set of positions just matched.
            var stateIDs: [[Int32]: Int32] = [[]: 0]
            var states: [[Int32]] = [[]]
            func intern(_ set: [Int32]) -> Int32 {
                if let id = stateIDs[set] { return id }
                let id = Int32(states.count)
                stateIDs[set] = id
                states.append(set)
                return id
            }
            var startRow = Array(repeating: Int32(0), count: Int(symbolCount))
            for symbol in first.keys.sorted() { startRow[Int(symbol)] = intern(Array(Set(first[symbol]!)).sorted()) }
            var transitionStart: [Int32] = []
            var transitionSymbols: [Int32] = []
            var transitionTargets: [Int32] = []
            var outputStart: [Int32] = []
            var outputs: [Int32] = []
            var next = 0
            while next < states.count {
                let state = states[next]
                next += 1
                var moves: [Int32: [Int32]] = [:]
                for position in state {
                    for candidate in follow[Int(position)] {
                        for symbol in symbols[Int(candidate)] { moves[symbol, default: []].append(candidate) }
                    }
                }
                transitionStart.append(Int32(transitionSymbols.count))
                for symbol in moves.keys.sorted() {
                    let target = Array(Set(moves[symbol]! + (first[symbol] ?? []))).sorted()
                    let id = intern(target)
                    if id == startRow[Int(symbol)] { continue }
                    transitionSymbols.append(symbol)
                    transitionTargets.append(id)
                }
                outputStart.append(Int32(outputs.count))
                outputs += Array(Set(state.compactMap { lastOfSegment[Int($0)] >= 0 ? lastOfSegment[Int($0)] : nil })).sorted()
            }
            transitionStart.append(Int32(transitionSymbols.count))
            outputStart.append(Int32(outputs.count))
            var positionSymbolStart: [Int32] = [], positionSymbols: [Int32] = []
            for list in symbols {
                positionSymbolStart.append(Int32(positionSymbols.count))
                positionSymbols += list
            }
            positionSymbolStart.append(Int32(positionSymbols.count))
            var precede = Array(repeating: [Int32](), count: symbols.count)
            for (position, list) in follow.enumerated() {
                for candidate in list { precede[Int(candidate)].append(Int32(position)) }
            }
            var precedeStart: [Int32] = [], precedeList: [Int32] = []
            for list in precede {
                precedeStart.append(Int32(precedeList.count))
                precedeList += list
            }
            precedeStart.append(Int32(precedeList.count))
            var segmentLastStart: [Int32] = [], segmentLastList: [Int32] = []
            for list in segmentLast {
                segmentLastStart.append(Int32(segmentLastList.count))
                segmentLastList += list
            }
            segmentLastStart.append(Int32(segmentLastList.count))
            return PhraseMatcher(
                vocabulary: vocabulary, negator: negator, startRow: startRow, transitionStart: transitionStart,
                transitionSymbols: transitionSymbols, transitionTargets: transitionTargets, outputStart: outputStart,
                outputs: outputs, segments: segments, positionSymbolStart: positionSymbolStart, positionSymbols: positionSymbols,
                precedeStart: precedeStart, precedeList: precedeList, isFirstPosition: isFirst,
                segmentLastStart: segmentLastStart, segmentLastList: segmentLastList, patternCount: patternCount
            )
        }
    }
}
