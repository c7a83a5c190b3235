import Foundation
import VoxBenchData
import VoxScoring

/// `vox-bench sentiment [--texts N] [--rounds R] [--explain]`: sentiment scoring speed on one core.
///
/// Texts are the `make bench` generator's customer and agent messages cut at a word boundary to at
/// most 140 characters (tweet length), so every run scores the same texts. They are made and
/// warmed up before the clock starts; then the default scorer (general lexicon, idioms, modifiers
/// and the customer-service overlay) scores all of them R times on this thread. Prints texts/s,
/// MB/s and ns/text per CPU second of the thread, and a checksum of the compound scores so that the work cannot be optimised away.
enum SentimentBench {
    static let tweetLength = 140

    static func run(texts count: Int, rounds: Int, explain: Bool) throws {
        var texts: [String] = []
        texts.reserveCapacity(count)
        FeedbackGenerator(count: count).generate { message in
            texts.append(Self.cut(message.text))
        }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        let scorer = try SentimentScorer(lexicon: SentimentLexicon.defaults())
        var checksum = 0.0
        for text in texts.prefix(10_000) { checksum += scorer.score(text, explain: explain).compound }
        checksum = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = threadCPUSeconds()
        for _ in 0..<rounds {
            for text in texts { checksum += scorer.score(text, explain: explain).compound }
        }
        let cpu = threadCPUSeconds() - cpuStart
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let scored = Double(count * rounds)
        // Texts per CPU second of this thread: what one core does, whatever else the machine runs.
        print("texts     avg bytes  rounds  wall s   cpu s    texts/cpu-s  MB/cpu-s  ns/text  checksum")
        print(String(
            format: "%-9d %-10.1f %-7d %-8.3f %-8.3f %-12.0f %-9.1f %-8.0f %.4f",
            count, Double(bytes) / Double(count), rounds, wall, cpu, scored / cpu,
            Double(bytes * rounds) / cpu / 1e6, cpu * 1e9 / scored, checksum
        ))
    }

    /// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID): wall time would count the other
    /// builds sharing this machine's cores.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The text cut at the last space before `tweetLength` characters.
    static func cut(_ text: String) -> String {
        guard text.count > tweetLength else { return text }
        let prefix = text.prefix(tweetLength)
        guard let space = prefix.lastIndex(of: " ") else { return String(prefix) }
        return String(prefix[..<space])
    }
}
