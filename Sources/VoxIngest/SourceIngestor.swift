import Foundation
import VoxModel

/// Reads every file of one source: runs the format reader, maps fields, drops duplicates, and
/// keeps the accounting (`read = accepted + rejected + duplicates`).
public struct SourceIngestor {
    public let definition: SourceDefinition
    /// Paths in messages are shown relative to this directory (the pipeline file's).
    public let baseDirectory: String
    public private(set) var stats: SourceStats
    private var seenIDs = IDSet()

    public init(definition: SourceDefinition, baseDirectory: String) {
        self.definition = definition
        self.baseDirectory = baseDirectory
        self.stats = SourceStats(name: definition.name, format: definition.format.name)
    }

    /// The files this source will read.
    public func files() -> [String] {
        InputFiles.expand(definition.paths)
    }

    /// Reads all files, handing each accepted record and each reject over in file order.
    /// - Throws: `IngestError` for a file that cannot be read or stops being parseable.
    public mutating func run(
        onRecord: (FeedbackRecord) throws -> Void, onReject: (Reject) throws -> Void
    ) throws {
        let reader = definition.makeReader()
        let mapper = RecordMapper(source: definition.name, mapping: definition.fields)
        for file in files() {
            let display = displayPath(file)
            stats.files.append(display)
            let fileKey = URL(fileURLWithPath: file).lastPathComponent
            try reader.read(file: file, displayPath: display) { event in
                stats.read += 1
                switch event {
                case .reject(let problem):
                    try reject(Reject(
                        source: definition.name, location: problem.location, reason: problem.reason,
                        message: problem.message, excerpt: problem.excerpt
                    ), onReject)
                case .record(let raw, let location):
                    switch mapper.map(raw, location: location, fileKey: fileKey, ordinal: location.record ?? stats.read) {
                    case .failure(let failure):
                        try reject(Reject(
                            source: definition.name, location: location, reason: failure.reason,
                            message: failure.message, excerpt: raw.excerpt
                        ), onReject)
                    case .success(let record):
                        guard seenIDs.insert(record.id) else {
                            stats.duplicates += 1
                            return
                        }
                        stats.accepted += 1
                        if raw.hasInvalidText { stats.invalidText += 1 }
                        try onRecord(record)
                    }
                }
            }
        }
    }

    private mutating func reject(_ reject: Reject, _ onReject: (Reject) throws -> Void) throws {
        stats.rejected += 1
        stats.rejectReasons[reject.reason, default: 0] += 1
        try onReject(reject)
    }

    func displayPath(_ file: String) -> String {
        let base = baseDirectory.hasSuffix("/") ? baseDirectory : baseDirectory + "/"
        return file.hasPrefix(base) ? String(file.dropFirst(base.count)) : file
    }
}
