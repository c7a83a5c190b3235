import Foundation
import VoxModel

/// Reads every file of one source: runs the format reader, maps fields, drops duplicates, and
/// keeps the accounting (`read = accepted + rejected + duplicates`).
public struct SourceIngestor {
    public let definition: SourceDefinition
    /// Paths in messages are shown relative to this directory (the pipeline file's).
    public let baseDirectory: String
    public private(set) var stats: SourceStats
    private var seenIDs: IDSet

    /// - Parameter scratchDirectory: where the duplicate check may keep the ids it has seen
    ///   (the run's staging directory) instead of memory; see `IDSet`.
    public init(definition: SourceDefinition, baseDirectory: String, scratchDirectory: String? = nil) {
        self.definition = definition
        self.baseDirectory = baseDirectory
        self.stats = SourceStats(name: definition.name, format: definition.format.name)
        seenIDs = IDSet(scratchDirectory: scratchDirectory)
    }

    /// The files this source will read.
    public func files() -> [String] {
        InputFiles.expand(definition.paths)
    }

    /// Reads all files, handing each accepted record and each reject over in file order. A file
    /// whose content breaks off (`IngestError.Kind.malformed`) keeps the records before the error;
    /// the rest of it counts as one reject (`malformed_file`, at the error's location), and the
    /// next file is read.
    /// - Throws: `IngestError` for a file that cannot be opened or read at all.
    public mutating func run(
        onRecord: (FeedbackRecord) throws -> Void, onReject: (Reject) throws -> Void
    ) throws {
        let reader = definition.makeReader()
        let mapper = RecordMapper(source: definition.name, mapping: definition.fields)
        for file in files() {
            let display = displayPath(file)
            stats.files.append(display)
            let fileKey = URL(fileURLWithPath: file).lastPathComponent
            do {
                try read(file, display: display, fileKey: fileKey, reader: reader, mapper: mapper, onRecord: onRecord, onReject: onReject)
            } catch let error as IngestError where error.kind == .malformed {
                // Records before the error stand; the rest of the file counts as one reject.
                stats.read += 1
                try reject(Reject(
                    source: definition.name, location: error.location, reason: "malformed_file",
                    message: "\(error.message); the rest of the file was skipped", excerpt: ""
                ), onReject)
            }
        }
    }

    private mutating func read(
        _ file: String, display: String, fileKey: String, reader: any FeedbackReader, mapper: RecordMapper,
        onRecord: (FeedbackRecord) throws -> Void, onReject: (Reject) throws -> Void
    ) throws {
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
                    guard try seenIDs.insert(record.id) else {
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
