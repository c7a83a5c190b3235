import Foundation
import VoxBenchData

/// The inputs every benchmark reads, generated once per process from the fixed seeds `make bench`
/// uses, so figures from different runs measure the same work.
enum Inputs {
    /// Records per generated batch: enough words for stable figures, small enough to set up in
    /// well under a second.
    static let count = 10_000

    /// `make bench`'s feedback messages, all roles.
    static let messages: [FeedbackMessage] = {
        var messages: [FeedbackMessage] = []
        messages.reserveCapacity(count)
        FeedbackGenerator(count: count).generate { messages.append($0) }
        return messages
    }()

    static let texts: [String] = messages.map(\.text)

    /// The customer messages the sentiment scorer calls negative are the ones clustering sees;
    /// the generator plants the pain points in customer messages, so those are the realistic input.
    static let customerTexts: [String] = messages.filter { $0.role == "customer" }.map(\.text)

    static let replies = ReplyGenerator.replies(count: count)

    /// The messages as an export file of `format` (csv, jsonl, xml), written to /dev/shm: the
    /// readers stream from a path, and a memory file system keeps the disk out of the figures.
    static func file(_ format: String) -> String {
        let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(directory)/vox-micro-\(getpid()).\(format)"
        var text = FeedbackExport.head(format)
        for message in messages { text += FeedbackExport.line(format, message) }
        text += FeedbackExport.tail(format)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    static func bytes(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
