import Foundation
import VoxBenchData
import VoxModel
import VoxScoring

/// `vox-bench empathy [--replies N] [--rounds R] [--stage scan|match]`: empathy scoring speed on one thread.
///
/// Generates N agent replies (default 200,000) with `ReplyGenerator`. Every reply is scored
/// with the default lexicon, half with their conversation context, R times (default 5); the best
/// and the median round are printed as replies per CPU second of the scoring thread (wall time would
/// count whatever else the machine runs) and MB/s.
enum EmpathyBench {
    /// `stage`: `scan` (words to symbols only), `match` (and the automaton), or nil (full scoring).
    static func run(count: Int, rounds: Int, stage: String? = nil) throws {
        let scorer = EmpathyScorer(lexicon: try EmpathyLexicon.defaults())
        let (texts, contexts) = ReplyGenerator.replies(count: count)
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        var rates: [Double] = []
        var checksum = 0.0
        for _ in 0..<rounds {
            let started = SentimentBench.threadCPUSeconds()
            do {
                switch stage {
                case "scan":
                    for index in 0..<count { checksum += Double(scorer.matcher.scan(texts[index]).tokens.count) }
                case "match":
                    for index in 0..<count { checksum += Double(scorer.matcher.matches(in: scorer.matcher.scan(texts[index])).count) }
                default:
                    for index in 0..<count { checksum += scorer.score(texts[index], context: contexts[index]).score }
                }
            }
            rates.append(Double(count) / (SentimentBench.threadCPUSeconds() - started))
        }
        rates.sort()
        let median = rates[rates.count / 2], best = rates.last!
        let megabytes = Double(bytes) / 1_000_000
        print("empathy: \(scorer.lexicon.count) patterns, \(scorer.matcher.positionCount) automaton positions, \(scorer.matcher.stateCount) states")
        print(String(format: "replies %d, mean %.0f bytes, %d rounds on one thread (per CPU second of that thread)", count, Double(bytes) / Double(count), rounds))
        print(String(format: "best   %9.0f replies/s  %6.1f MB/s", best, best * megabytes / Double(count)))
        print(String(format: "median %9.0f replies/s  %6.1f MB/s", median, median * megabytes / Double(count)))
        print(String(format: "(stage %@, checksum %.2f)", (stage ?? "score") as NSString, checksum / Double(count * rounds)))
    }
}
