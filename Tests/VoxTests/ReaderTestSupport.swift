import Foundation
import VoxModel
@testable import VoxIngest

/// Runs a reader over a file and collects what it hands over, for the reader tests.
struct ReaderRun {
    var records: [(record: any RawRecord, location: InputLocation)] = []
    var rejects: [ReaderReject] = []
    /// The error that stopped the file, if any.
    var error: IngestError?

    /// Reads a fixture under `Fixtures/ingest/`.
    init(fixture: String, _ reader: some FeedbackReader) {
        self.init(path: TestSupport.fixture("ingest/" + fixture), display: fixture, reader)
    }

    init(path: String, display: String, _ reader: some FeedbackReader) {
        var records: [(any RawRecord, InputLocation)] = []
        var rejects: [ReaderReject] = []
        do {
            try reader.read(file: path, displayPath: display) { event in
                switch event {
                case .record(let record, let location): records.append((record, location))
                case .reject(let reject): rejects.append(reject)
                }
            }
        } catch let failure as IngestError {
            error = failure
        } catch {
            self.error = IngestError(location: InputLocation(file: display), message: "unexpected: \(error)")
        }
        self.records = records
        self.rejects = rejects
    }

    /// One field of every record, as text.
    func texts(_ path: String) -> [String?] {
        records.map { $0.record.value(at: FieldPath(path))?.text }
    }

    var lines: [Int?] { records.map(\.location.line) }
}
