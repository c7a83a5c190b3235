import Foundation
import VoxBenchData
import VoxIngest
import VoxModel

// vox-bench: measures Vox's stages on generated inputs. Not a test: figures depend on the machine.
//
//   vox-bench generate [--records N] [--dir DIR] [--formats csv,jsonl,xml]
//
// `generate` writes (once) N synthetic feedback messages (default 1,000,000) as feedback.csv,
// feedback.jsonl and feedback.xml under DIR/feedback-v1-N (DIR defaults to .build/bench), with one
// pipeline per format beside them (csv.yml, jsonl.yml, xml.yml), and prints that directory.
// `make bench` (scripts/bench.sh) runs `vox run` on each pipeline.
//
//   vox-bench sentiment [--texts N] [--rounds R] [--explain]
//
// `sentiment` scores N tweet-length generated texts (default 200,000) R times (default 5) on one
// thread with the default lexicons and prints texts/s (`make bench-sentiment`; SentimentBench).
//
//   vox-bench readers [--size MB] [--dir DIR] [--only csv|jsonl|json|xml] [--stage parse|map|ingest]
//   vox-bench empathy [--replies N] [--rounds R] [--stage scan|match]     (see EmpathyBench)
//
// `readers` writes (once) a CSV, a JSON Lines, a JSON array and an XML file of about --size MB
// (default 100) under --dir (default .build/bench), then reads each through the real reader,
// field mapping and duplicate check (`SourceIngestor`) on one thread, and prints MB/s.

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
if arguments.first == "generate" {
    let count = option("--records").flatMap(Int.init) ?? 1_000_000
    let formats = option("--formats").map { $0.split(separator: ",").map(String.init) } ?? FeedbackExport.formats
    if let unknown = formats.first(where: { !FeedbackExport.formats.contains($0) }) {
        FileHandle.standardError.write(Data("vox-bench generate: unknown format `\(unknown)`; expected csv, jsonl or xml\n".utf8))
        exit(2)
    }
    let export = FeedbackExport(directory: FeedbackExport.directory(base: option("--dir") ?? ".build/bench", count: count), count: count)
    try export.write(formats: formats)
    print(export.directory.path)
    exit(0)
}
if arguments.first == "empathy" {
    try EmpathyBench.run(
        count: option("--replies").flatMap(Int.init) ?? 200_000, rounds: option("--rounds").flatMap(Int.init) ?? 5, stage: option("--stage")
    )
    exit(0)
}
if arguments.first == "sentiment" {
    try SentimentBench.run(
        texts: option("--texts").flatMap(Int.init) ?? 200_000, rounds: option("--rounds").flatMap(Int.init) ?? 5,
        explain: arguments.contains("--explain")
    )
    exit(0)
}
guard arguments.first == "readers" else {
    FileHandle.standardError.write(Data("usage: vox-bench generate [--records N] [--dir DIR] [--formats csv,jsonl,xml]\n       vox-bench readers [--size MB] [--dir DIR]\n       vox-bench empathy [--replies N] [--rounds R]\n       vox-bench sentiment [--texts N] [--rounds R] [--explain]\n".utf8))
    exit(2)
}
let megabytes = option("--size").flatMap(Int.init) ?? 100
// The generator's version is in the directory name, so that a changed generator never meets
// files an older one wrote.
let directory = URL(fileURLWithPath: option("--dir") ?? ".build/bench/v\(BenchData.version)-\(megabytes)mb")
let data = BenchData(directory: directory, targetBytes: megabytes * 1_000_000)
let files = try data.write()

func definition(_ name: String, _ path: URL) -> SourceDefinition {
    let common = FieldMapping(
        id: FieldPath("id"), text: [FieldPath("body")], time: TimeField(path: FieldPath("created_at")),
        rating: RatingField(path: FieldPath("rating"), scale: .csat),
        segments: [NamedField(name: "product", path: FieldPath("product")), NamedField(name: "region", path: FieldPath("region"))]
    )
    switch name {
    case "csv":
        return SourceDefinition(name: name, format: .csv(CSVOptions()), paths: [path.path], fields: FieldMapping(
            id: FieldPath("response_id"), text: [FieldPath("comment")], time: TimeField(path: FieldPath("submitted_at")),
            rating: RatingField(path: FieldPath("csat"), scale: .csat),
            segments: [NamedField(name: "product", path: FieldPath("product")), NamedField(name: "region", path: FieldPath("region"))]
        ))
    case "jsonl": return SourceDefinition(name: name, format: .json(JSONOptions()), paths: [path.path], fields: common)
    case "json": return SourceDefinition(name: name, format: .json(JSONOptions(records: FieldPath("tickets"))), paths: [path.path], fields: common)
    default:
        var fields = common
        fields.id = FieldPath("@id")
        fields.time = TimeField(path: FieldPath("@date"))
        return SourceDefinition(name: name, format: .xml(XMLOptions(record: "review")), paths: [path.path], fields: fields)
    }
}

/// Parse only: every record through the reader, no mapping (what the reader alone costs).
func parseOnly(_ definition: SourceDefinition, _ path: URL) throws -> Int {
    var count = 0
    try definition.makeReader().read(file: path.path, displayPath: path.lastPathComponent) { event in
        if case .record = event { count += 1 }
    }
    return count
}

/// Parse and field mapping, as the ingestor does it but without the duplicate check.
func parseAndMap(_ definition: SourceDefinition, _ path: URL) throws -> Int {
    var count = 0
    let mapper = RecordMapper(source: definition.name, mapping: definition.fields)
    try definition.makeReader().read(file: path.path, displayPath: path.lastPathComponent) { event in
        guard case .record(let raw, let location) = event else { return }
        if case .success = mapper.map(raw, location: location, fileKey: "bench", ordinal: location.record ?? 0) { count += 1 }
    }
    return count
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

print("reader  size(MB)   records  parse MB/s  +map MB/s  ingest MB/s")
print("  (parse: the reader alone; +map: and field mapping to FeedbackRecord; ingest: and the duplicate check, as `vox run` reads)")
let only = option("--only")
/// `--stage map` runs only that stage (for profiling one of them); the others print as 0.
let stage = option("--stage")
func runs(_ name: String) -> Bool { stage == nil || stage == name }
for (name, path) in files where only == nil || only == name {
    let bytes = (try FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int) ?? 0
    let source = definition(name, path)
    var ingestor = SourceIngestor(definition: source, baseDirectory: directory.path)
    var accepted = 0
    let clock = ContinuousClock()
    let parse = runs("parse") ? seconds(try clock.measure { _ = try parseOnly(source, path) }) : .infinity
    let mapped = runs("map") ? seconds(try clock.measure { _ = try parseAndMap(source, path) }) : .infinity
    let ingest = runs("ingest") ? seconds(try clock.measure {
        try ingestor.run(onRecord: { _ in accepted += 1 }, onReject: { _ in })
    }) : .infinity
    let size = Double(bytes) / 1_000_000
    print(String(format: "%-7@ %8.1f %9d %11.0f %10.0f %12.0f", name as NSString, size, accepted, size / parse, size / mapped, size / ingest))
    if ingestor.stats.rejected > 0 { print("  (\(ingestor.stats.rejected) rejected: \(ingestor.stats.rejectReasons))") }
}
