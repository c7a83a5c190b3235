import Foundation
import VoxModel
import VoxText

/// Finds empathy phrases in an agent's reply and turns them into a 0–100 score with evidence.
///
/// Matching: the lexicon's patterns run as one `PhraseMatcher` automaton over the reply's words.
/// A match governed by a negation ("I'm **not** sorry", "I do**n't** understand why…") does not
/// count. Of overlapping matches, a match inside a longer one is dropped ("I'm sorry you feel that
/// way" is dismissive, not an apology), and within one category the longer, then heavier, then
/// earlier match wins. Personalization comes from the `ReplyContext`: the customer's name, or a
/// detail of their case (an order number, an amount, a version), written in the reply.
///
/// Score: each category present counts once, with the weight of its strongest phrase;
/// 100 × (1 − e^(−Σw / 4)) saturates so that three or four strong moves approach 100 while one
/// phrase repeated does not. Each anti-pattern present subtracts 15 × its weight. Clamped to
/// 0…100 and rounded to 0.1.
public struct EmpathyScorer: Sendable {
    public let lexicon: EmpathyLexicon
    public let matcher: PhraseMatcher
    /// Per pattern, what choosing and scoring compare, worked out once so that scoring a reply
    /// compares integers rather than category names.
    let kinds: [Kind]

    static let saturation = 4.0
    static let antiPatternPenalty = 15.0
    /// Weights of the two kinds of personalization evidence.
    static let nameWeight = 1.0
    static let caseDetailWeight = 1.5

    public init(lexicon: EmpathyLexicon) {
        self.lexicon = lexicon
        self.matcher = lexicon.matcher()
        self.kinds = lexicon.patterns.map(Kind.init)
    }

    public func score(_ text: String, context: ReplyContext? = nil) -> EmpathyScore {
        score(matcher.scan(text), context: context)
    }

    /// An agent reply's score and its `mentions`, from one scan of the text: a run needs both
    /// for every reply in a conversation.
    public func scoreAndMentions(_ text: String) -> (score: EmpathyScore, mentions: [String]) {
        let scanned = matcher.scan(text)
        return (score(scanned, context: nil), words(in: scanned, capitalized: true, limit: ConversationCues.limit))
    }

    private func score(_ scanned: PhraseText, context: ReplyContext?) -> EmpathyScore {
        let matches = matcher.matches(in: scanned)
        var candidates: [Candidate] = []
        candidates.reserveCapacity(matches.count)
        var negated: [NegatedPhrase] = []
        for match in matches {
            let kind = kinds[match.pattern]
            if !kind.isLookAlike, let negation = matcher.negation(of: match, in: scanned) {
                negated.append(NegatedPhrase(
                    evidence: evidence(match, lexicon.patterns[match.pattern], in: scanned),
                    negation: scanned.text(ofTokens: negation, negation + 1)
                ))
                continue
            }
            candidates.append(Candidate(match: match, kind: kind))
        }
        let selected = Self.select(candidates)
        let personal = context.map { personalization(scanned, $0) } ?? []
        // Evidence is listed by start, end and category name. Ordering plain keys, then building
        // each piece of evidence once in that order, moves no Strings around while sorting.
        var picks: [(start: Int32, end: Int32, order: Int, source: Int)] = []
        picks.reserveCapacity(selected.count + personal.count)
        for (index, candidate) in selected.enumerated() where !candidate.kind.isLookAlike {
            let start = scanned.tokens[candidate.match.start].start, end = scanned.tokens[candidate.match.end - 1].end
            picks.append((start, end, CategorySlot.nameOrder[candidate.kind.slot], index))
        }
        for (index, item) in personal.enumerated() {
            picks.append((Int32(item.start), Int32(item.end), CategorySlot.nameOrder[CategorySlot.personalization], -1 - index))
        }
        picks.sort { ($0.start, $0.end, $0.order) < ($1.start, $1.end, $1.order) }
        var found: [Found] = []
        found.reserveCapacity(picks.count)
        for pick in picks {
            if pick.source >= 0 {
                let candidate = selected[pick.source]
                found.append(Found(
                    evidence: evidence(candidate.match, lexicon.patterns[candidate.match.pattern], in: scanned), slot: candidate.kind.slot
                ))
            } else {
                found.append(Found(evidence: personal[-1 - pick.source], slot: CategorySlot.personalization))
            }
        }
        return Self.score(found, negated: negated)
    }

    /// The score and category lists for a set of evidence (anti-patterns included).
    static func score(_ found: [EmpathyEvidence], negated: [NegatedPhrase]) -> EmpathyScore {
        score(found.map { Found(evidence: $0, slot: CategorySlot.of($0.category) ?? CategorySlot.lookAlike) }, negated: negated)
    }

    static func score(_ found: [Found], negated: [NegatedPhrase]) -> EmpathyScore {
        // The strongest weight per category, -1 where the category is absent; on the stack, as
        // this runs for every reply.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: CategorySlot.count) { best in
            best.initialize(repeating: -1)
            for item in found { best[item.slot] = max(max(best[item.slot], 0), item.evidence.weight) }
            var categories: [EmpathyCategory] = [], antiPatterns: [EmpathyAntiPattern] = []
            var positive = 0.0, penalty = 0.0
            for (slot, category) in CategorySlot.categories.enumerated() where best[slot] >= 0 {
                categories.append(category)
                positive += best[slot]
            }
            for (offset, antiPattern) in CategorySlot.antiPatterns.enumerated() where best[CategorySlot.firstAntiPattern + offset] >= 0 {
                antiPatterns.append(antiPattern)
                penalty += best[CategorySlot.firstAntiPattern + offset] * antiPatternPenalty
            }
            let raw = 100 * (1 - exp(-positive / saturation)) - penalty
            var evidence: [EmpathyEvidence] = [], antiPatternEvidence: [EmpathyEvidence] = []
            evidence.reserveCapacity(found.count)
            for item in found {
                if CategorySlot.isAntiPattern(item.slot) { antiPatternEvidence.append(item.evidence) } else { evidence.append(item.evidence) }
            }
            return EmpathyScore(
                score: (max(0, min(100, raw)) * 10).rounded() / 10, categories: categories,
                evidence: evidence, antiPatterns: antiPatterns, antiPatternEvidence: antiPatternEvidence, negated: negated
            )
        }
    }

    /// A piece of evidence with its category's slot.
    struct Found {
        var evidence: EmpathyEvidence
        var slot: Int
    }

    /// What `select` and `score` need of a pattern.
    struct Kind {
        var slot: Int
        var weight: Double
        var isAntiPattern: Bool
        var isLookAlike: Bool

        init(_ pattern: EmpathyLexicon.Pattern) {
            slot = CategorySlot.of(pattern.category) ?? CategorySlot.lookAlike
            weight = pattern.weight
            isAntiPattern = pattern.isAntiPattern
            isLookAlike = pattern.isLookAlike
        }
    }

    struct Candidate {
        var match: PhraseMatcher.Match
        var kind: Kind
        var length: Int { match.end - match.start }
    }

    /// Longest first. A match is dropped when it lies inside a kept anti-pattern or look-alike
    /// ("I'm sorry you feel that way" is dismissive, not an apology), or overlaps a kept match of
    /// its own category. Empathy phrases of different categories may nest ("I understand why
    /// you're disappointed" shows understanding and acknowledges a feeling). An anti-pattern is
    /// never dropped for an empathy phrase around it: "thank you, you should have checked" is
    /// still blame.
    static func select(_ candidates: [Candidate]) -> [Candidate] {
        let ordered = candidates.sorted { a, b in
            if a.length != b.length { return a.length > b.length }
            if a.kind.weight != b.kind.weight { return a.kind.weight > b.kind.weight }
            if a.match.start != b.match.start { return a.match.start < b.match.start }
            return a.match.pattern < b.match.pattern
        }
        var kept: [Candidate] = []
        kept.reserveCapacity(ordered.count)
        for candidate in ordered {
            let dropped = kept.contains { other in
                let inside = candidate.match.start >= other.match.start && candidate.match.end <= other.match.end
                let overlaps = candidate.match.start < other.match.end && other.match.start < candidate.match.end
                if candidate.kind.isAntiPattern, !other.kind.isAntiPattern { return false }
                let masks = other.kind.isAntiPattern || other.kind.isLookAlike
                return (inside && masks) || (overlaps && other.kind.slot == candidate.kind.slot)
            }
            if !dropped { kept.append(candidate) }
        }
        return kept
    }

    func evidence(_ match: PhraseMatcher.Match, _ pattern: EmpathyLexicon.Pattern, in text: PhraseText) -> EmpathyEvidence {
        EmpathyEvidence(
            category: pattern.category, text: text.text(ofTokens: match.start, match.end),
            start: Int(text.tokens[match.start].start), end: Int(text.tokens[match.end - 1].end),
            weight: pattern.weight, rule: pattern.rule
        )
    }

    /// The customer's name (as a capitalised word) and details of their case, each once.
    func personalization(_ text: PhraseText, _ context: ReplyContext) -> [EmpathyEvidence] {
        var found: [EmpathyEvidence] = []
        var usedName = false
        var usedDetails: Set<String> = []
        for (index, token) in text.tokens.enumerated() where token.isWord && token.flags & PhraseText.Token.continuation == 0 {
            let wanted = (!usedName && token.isCapitalized && context.customerName != nil)
                || (token.hasDigit && !context.caseDetails.isEmpty)
            guard wanted else { continue }
            let word = text.lowercasedWord(at: index)
            let rule: String
            let weight: Double
            if !usedName, token.isCapitalized, word == context.customerName {
                usedName = true
                rule = ReplyContext.nameRule
                weight = Self.nameWeight
            } else if token.hasDigit, context.caseDetails.contains(word), usedDetails.insert(word).inserted {
                rule = ReplyContext.caseDetailRule
                weight = Self.caseDetailWeight
            } else {
                continue
            }
            found.append(EmpathyEvidence(
                category: EmpathyCategory.personalization.rawValue, text: text.text(ofTokens: index, index + 1),
                start: Int(token.start), end: Int(token.end), weight: weight, rule: rule
            ))
        }
        return found
    }

    /// Identifiers in a customer's message that a reply can echo: order and reference numbers,
    /// amounts, versions, times — words with a digit that are not bare small numbers or years.
    public func caseDetails(in text: String) -> [String] {
        words(in: text, capitalized: false, limit: .max)
    }

    /// What a message could personalise with or be echoed by, for the conversation pass:
    /// its capitalised words of two or more letters and its case details, lowercased, each once.
    public func mentions(in text: String) -> [String] {
        words(in: text, capitalized: true, limit: ConversationCues.limit)
    }

    private func words(in text: String, capitalized: Bool, limit: Int) -> [String] {
        words(in: matcher.scan(text), capitalized: capitalized, limit: limit)
    }

    private func words(in scanned: PhraseText, capitalized: Bool, limit: Int) -> [String] {
        var words: [String] = []
        for (index, token) in scanned.tokens.enumerated() where token.isWord && token.flags & PhraseText.Token.continuation == 0 {
            guard token.hasDigit || (capitalized && token.isCapitalized && token.end - token.start >= 2) else { continue }
            let word = scanned.lowercasedWord(at: index)
            if token.hasDigit, !ReplyContext.isCaseDetail(word) { continue }
            if !words.contains(word) { words.append(word) }
            if words.count == limit { break }
        }
        return words
    }
}
