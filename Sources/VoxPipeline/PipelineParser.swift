import Foundation
import VoxIngest
import VoxModel
import VoxScoring
import Yams

/// Reads a pipeline file into a `PipelineConfig`, reporting every problem as
/// `file:line: key.path: what is wrong`. Unknown keys are errors: a misspelt option silently
/// ignored is a report silently wrong.
public struct PipelineParser {
    public init() {}

    /// - Parameter displayPath: the path to name in messages (as the user typed it).
    public func parse(contentsOf path: String, displayPath: String? = nil) throws -> PipelineConfig {
        let shown = displayPath ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineErrors([PipelineError(file: shown, line: 0, keyPath: "", message: "cannot read pipeline file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineErrors([PipelineError(file: shown, line: 0, keyPath: "", message: "pipeline file is not UTF-8 text")])
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        return try parse(text, file: shown, baseDirectory: directory)
    }

    static let topKeys = ["name", "sources", "scoring", "clustering", "outputs"]
    static let sourceKeys = ["name", "format", "path", "fields"]
    static let csvKeys = [
        "delimiter", "quote", "escape", "comment", "skip_rows", "header", "encoding", "on_invalid_text", "max_field_bytes",
    ]
    static let jsonKeys = ["records", "explode", "max_depth", "max_record_bytes", "encoding", "on_invalid_text"]
    static let xmlKeys = ["record", "max_record_bytes"]
    static let fieldKeys = ["id", "text", "time", "rating", "role", "conversation", "author", "segments"]

    public func parse(_ text: String, file: String, baseDirectory: String) throws -> PipelineConfig {
        let root: Node
        let aliasGuard = YAMLAliasGuard(file: file)
        do {
            try aliasGuard.scan(text)
            guard let node = try Yams.compose(yaml: text) else {
                throw PipelineErrors([PipelineError(file: file, line: 0, keyPath: "", message: "the pipeline file is empty")])
            }
            root = node
        } catch let error as YamlError {
            throw PipelineErrors([Self.yamlError(error, file: file)])
        }
        try aliasGuard.checkExpandedSize(root)
        var reader = YAMLNodeReader(file: file)
        guard let top = reader.mapping(root, "", allowed: Self.topKeys) else { throw PipelineErrors(reader.errors) }
        let name = reader.string(top["name"], "name", required: true, parent: root) ?? ""
        var sources: [SourceDefinition] = []
        var sourceLines: [Int] = []
        if let list = top["sources"] {
            if let items = list.sequence, !items.isEmpty {
                var names: Set<String> = []
                for (index, item) in items.enumerated() {
                    let path = "sources[\(index)]"
                    if let source = parseSource(item, path: path, base: baseDirectory, reader: &reader) {
                        if !names.insert(source.name).inserted {
                            reader.fail(item, "\(path).name", "duplicate source name `\(source.name)`")
                        }
                        sources.append(source)
                        sourceLines.append(YAMLNodeReader.line(of: item))
                    }
                }
            } else {
                reader.fail(list, "sources", "expected a non-empty list of sources")
            }
        } else {
            reader.fail(root, "sources", "required")
        }
        let scoring = parseScoring(top["scoring"], base: baseDirectory, reader: &reader)
        let clustering = parseClustering(top["clustering"], base: baseDirectory, reader: &reader)
        let outputs = parseOutputs(top["outputs"], name: name, base: baseDirectory, reader: &reader)
        if !reader.errors.isEmpty { throw PipelineErrors(reader.errors) }
        return PipelineConfig(
            file: file, name: name, sources: sources, scoring: scoring, clustering: clustering, outputs: outputs,
            sourceLines: sourceLines
        )
    }

    // MARK: sources

    func parseSource(_ node: Node, path: String, base: String, reader: inout YAMLNodeReader) -> SourceDefinition? {
        // Format first: it decides which further keys are allowed.
        let formatName = node.mapping?["format"]?.string
        var allowed = Self.sourceKeys
        switch formatName {
        case "csv": allowed += Self.csvKeys
        case "json": allowed += Self.jsonKeys
        case "xml": allowed += Self.xmlKeys
        default: allowed += Set(Self.csvKeys + Self.jsonKeys + Self.xmlKeys).sorted()
        }
        guard let map = reader.mapping(node, path, allowed: allowed) else { return nil }
        let name = reader.string(map["name"], "\(path).name", required: true, parent: node) ?? ""
        if !name.isEmpty, !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            reader.fail(map["name"], "\(path).name", "use letters, digits, `-` and `_` only")
        }
        let paths = reader.inputPaths(map["path"], "\(path).path", base: base)
        if map["path"] == nil { reader.fail(node, "\(path).path", "required") }
        let fields = parseFields(map["fields"], path: "\(path).fields", parent: node, reader: &reader)
        let format: SourceDefinition.Format
        switch formatName {
        case "csv":
            format = .csv(parseCSVOptions(map, path: path, reader: &reader))
        case "json":
            var options = JSONOptions()
            if let records = reader.string(map["records"], "\(path).records") { options.records = FieldPath(records) }
            if let explode = reader.string(map["explode"], "\(path).explode") { options.explode = FieldPath(explode) }
            if let depth = reader.int(map["max_depth"], "\(path).max_depth", range: 1...10_000) { options.maxDepth = depth }
            if let bytes = reader.int(map["max_record_bytes"], "\(path).max_record_bytes", range: 1024...(1 << 31)) { options.maxRecordBytes = bytes }
            if let encoding = parseEncoding(map["encoding"], path: "\(path).encoding", reader: &reader) { options.encoding = encoding }
            if let policy = parseInvalidText(map["on_invalid_text"], path: "\(path).on_invalid_text", reader: &reader) { options.onInvalidText = policy }
            format = .json(options)
        case "xml":
            let record = reader.string(map["record"], "\(path).record", required: true, parent: node) ?? "record"
            var options = XMLOptions(record: record)
            if let bytes = reader.int(map["max_record_bytes"], "\(path).max_record_bytes", range: 1024...(1 << 31)) { options.maxRecordBytes = bytes }
            format = .xml(options)
        case nil:
            reader.fail(node, "\(path).format", "required (csv, json or xml)")
            return nil
        case let other?:
            reader.fail(map["format"], "\(path).format", "unknown format `\(other)`; expected csv, json or xml")
            return nil
        }
        guard let fields else { return nil }
        return SourceDefinition(name: name, format: format, paths: paths, fields: fields)
    }

    /// CSV dialect options; each bad value is reported with its key path.
    func parseCSVOptions(_ map: [String: Node], path: String, reader: inout YAMLNodeReader) -> CSVOptions {
        var options = CSVOptions()
        if let delimiter = reader.string(map["delimiter"], "\(path).delimiter") {
            if delimiter == "auto" {
                options.delimiter = nil
            } else if let byte = Self.singleByte(delimiter == "tab" || delimiter == "\\t" ? "\t" : delimiter), !Self.isLineBreak(byte) {
                options.delimiter = byte
            } else {
                reader.fail(map["delimiter"], "\(path).delimiter", "expected one character such as `,`, `;`, `|`, `tab`, or `auto` to sniff it")
            }
        }
        if let quote = reader.string(map["quote"], "\(path).quote") {
            if let byte = Self.singleByte(quote), !Self.isLineBreak(byte) { options.quote = byte } else {
                reader.fail(map["quote"], "\(path).quote", "expected one character, such as `\"` or `'`")
            }
        }
        if let escape = reader.string(map["escape"], "\(path).escape") {
            if let byte = Self.singleByte(escape), !Self.isLineBreak(byte) { options.escape = byte } else {
                reader.fail(map["escape"], "\(path).escape", "expected one character, such as `\\`")
            }
        }
        if let comment = reader.string(map["comment"], "\(path).comment") {
            if comment.isEmpty || comment.contains(where: \.isNewline) {
                reader.fail(map["comment"], "\(path).comment", "expected the text comment lines start with, such as `#`")
            } else {
                options.comment = Array(comment.utf8)
            }
        }
        if let rows = reader.int(map["skip_rows"], "\(path).skip_rows", range: 0...1_000_000) { options.skipRows = rows }
        if let header = reader.bool(map["header"], "\(path).header") { options.header = header }
        if let encoding = parseEncoding(map["encoding"], path: "\(path).encoding", reader: &reader) { options.encoding = encoding }
        if let policy = parseInvalidText(map["on_invalid_text"], path: "\(path).on_invalid_text", reader: &reader) { options.onInvalidText = policy }
        if let bytes = reader.int(map["max_field_bytes"], "\(path).max_field_bytes", range: 16...(1 << 30)) { options.maxFieldBytes = bytes }
        if let delimiter = options.delimiter, delimiter == options.quote || delimiter == options.escape {
            reader.fail(map["delimiter"], "\(path).delimiter", "must differ from `quote` and `escape`")
        }
        return options
    }

    func parseEncoding(_ node: Node?, path: String, reader: inout YAMLNodeReader) -> TextEncoding? {
        guard let name = reader.string(node, path) else { return nil }
        if let encoding = TextEncoding.named(name) { return encoding }
        reader.fail(node, path, "unknown encoding `\(name)`; expected \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    func parseInvalidText(_ node: Node?, path: String, reader: inout YAMLNodeReader) -> InvalidTextPolicy? {
        guard let name = reader.string(node, path) else { return nil }
        if let policy = InvalidTextPolicy(rawValue: name) { return policy }
        reader.fail(node, path, "expected `replace` (keep the record, bad bytes become U+FFFD) or `reject`")
        return nil
    }

    func parseFields(_ node: Node?, path: String, parent: Node, reader: inout YAMLNodeReader) -> FieldMapping? {
        guard let node else {
            reader.fail(parent, path, "required (at least `text`)")
            return nil
        }
        guard let map = reader.mapping(node, path, allowed: Self.fieldKeys) else { return nil }
        guard let textNode = map["text"] else {
            reader.fail(node, "\(path).text", "required")
            return nil
        }
        let text = (reader.strings(textNode, "\(path).text") ?? []).map(FieldPath.init)
        var mapping = FieldMapping(text: text)
        mapping.id = reader.string(map["id"], "\(path).id").map(FieldPath.init)
        mapping.conversation = reader.string(map["conversation"], "\(path).conversation").map(FieldPath.init)
        mapping.author = reader.string(map["author"], "\(path).author").map(FieldPath.init)
        if let time = map["time"] {
            mapping.time = parseTime(time, path: "\(path).time", reader: &reader)
        }
        if let rating = map["rating"] {
            if let rmap = reader.mapping(rating, "\(path).rating", allowed: ["field", "scale"]) {
                let field = reader.string(rmap["field"], "\(path).rating.field", required: true, parent: rating)
                let scaleName = reader.string(rmap["scale"], "\(path).rating.scale", required: true, parent: rating)
                if let scaleName, RatingScale(rawValue: scaleName) == nil {
                    reader.fail(rmap["scale"], "\(path).rating.scale", "unknown scale `\(scaleName)`; expected csat (1–5), nps (0–10) or stars (1–5)")
                }
                if let field, let scale = scaleName.flatMap(RatingScale.init(rawValue:)) {
                    mapping.rating = RatingField(path: FieldPath(field), scale: scale)
                }
            }
        }
        if let role = map["role"] {
            mapping.role = parseRole(role, path: "\(path).role", reader: &reader)
        }
        if let segments = map["segments"] {
            if let smap = segments.mapping {
                for (key, value) in smap {
                    guard let name = key.string, !name.isEmpty else {
                        reader.fail(key, "\(path).segments", "segment names must be plain text")
                        continue
                    }
                    if let field = reader.string(value, "\(path).segments.\(name)", required: true, parent: value) {
                        mapping.segments.append(NamedField(name: name, path: FieldPath(field)))
                    }
                }
            } else {
                reader.fail(segments, "\(path).segments", "expected a mapping of segment name to field")
            }
        }
        return mapping
    }

    func parseTime(_ node: Node, path: String, reader: inout YAMLNodeReader) -> TimeField? {
        if case .scalar(let scalar) = node { return TimeField(path: FieldPath(scalar.string)) }
        guard let map = reader.mapping(node, path, allowed: ["field", "format", "timezone"]) else { return nil }
        guard let field = reader.string(map["field"], "\(path).field", required: true, parent: node) else { return nil }
        var time = TimeField(path: FieldPath(field))
        if let format = reader.string(map["format"], "\(path).format") {
            switch format {
            case "auto": time.format = .auto
            case "iso8601": time.format = .iso8601
            case "rfc2822": time.format = .rfc2822
            case "epoch", "epoch_seconds": time.format = .epochSeconds
            case "epoch_ms", "epoch_milliseconds": time.format = .epochMilliseconds
            default:
                do {
                    time.format = .pattern(try TimePattern(format))
                } catch {
                    reader.fail(map["format"], "\(path).format", "unknown time format `\(format)`: \(error.message). "
                        + "Expected auto, iso8601, rfc2822, epoch_seconds, epoch_ms or a pattern such as `dd-MM-yyyy HH:mm`")
                }
            }
        }
        if let zone = reader.string(map["timezone"], "\(path).timezone") {
            if let offset = Self.offsetSeconds(zone) {
                time.defaultOffsetSeconds = offset
            } else if zone.contains("/"), let named = TimeZone(identifier: zone) {
                time.timeZone = named
            } else {
                reader.fail(map["timezone"], "\(path).timezone", "expected UTC, an offset such as +02:00, or an IANA zone such as Europe/Berlin")
            }
        }
        return time
    }

    func parseRole(_ node: Node, path: String, reader: inout YAMLNodeReader) -> RoleField? {
        if case .scalar(let scalar) = node {
            let identity = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0.rawValue, $0) })
            return RoleField(path: FieldPath(scalar.string), values: identity)
        }
        guard let map = reader.mapping(node, path, allowed: ["field", "values"]) else { return nil }
        guard let field = reader.string(map["field"], "\(path).field", required: true, parent: node) else { return nil }
        var values: [String: Role] = [:]
        if let valuesNode = map["values"] {
            guard let vmap = valuesNode.mapping else {
                reader.fail(valuesNode, "\(path).values", "expected a mapping of export value to customer, agent or system")
                return nil
            }
            for (key, value) in vmap {
                let exportValue = key.string ?? ""
                guard let roleName = value.string, let role = Role(rawValue: roleName) else {
                    reader.fail(value, "\(path).values.\(exportValue)", "expected customer, agent or system")
                    continue
                }
                values[exportValue] = role
            }
        } else {
            values = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0.rawValue, $0) })
        }
        return RoleField(path: FieldPath(field), values: values)
    }

    // MARK: scoring, clustering, outputs

    func parseScoring(_ node: Node?, base: String, reader: inout YAMLNodeReader) -> ScoringOptions {
        var options = ScoringOptions()
        guard let node, let map = reader.mapping(node, "scoring", allowed: ["overlays", "lexicons", "empathy_lexicons", "thresholds"]) else {
            return options
        }
        if let overlays = reader.strings(map["overlays"], "scoring.overlays") {
            let available = SentimentLexicon.availableOverlays
            for (index, overlay) in overlays.enumerated() where !available.contains(overlay) {
                reader.fail(map["overlays"]?.sequence?[index] ?? map["overlays"], "scoring.overlays[\(index)]",
                            "unknown overlay `\(overlay)`; available: \(available.joined(separator: ", "))")
            }
            options.overlays = overlays
        }
        options.lexicons = reader.inputPaths(map["lexicons"], "scoring.lexicons", base: base)
        options.empathyLexicons = reader.inputPaths(map["empathy_lexicons"], "scoring.empathy_lexicons", base: base)
        if let thresholds = map["thresholds"], let tmap = reader.mapping(thresholds, "scoring.thresholds", allowed: ["negative", "positive"]) {
            let negative = reader.double(tmap["negative"], "scoring.thresholds.negative", range: -1...0) ?? options.thresholds.negative
            let positive = reader.double(tmap["positive"], "scoring.thresholds.positive", range: 0...1) ?? options.thresholds.positive
            options.thresholds = SentimentThresholds(negative: negative, positive: positive)
        }
        return options
    }

    func parseClustering(_ node: Node?, base: String, reader: inout YAMLNodeReader) -> ClusteringOptions {
        var options = ClusteringOptions()
        guard let node, let map = reader.mapping(node, "clustering", allowed: ["taxonomy", "replace_taxonomy", "min_size"]) else {
            return options
        }
        options.taxonomy = reader.inputPaths(map["taxonomy"], "clustering.taxonomy", base: base)
        options.replaceTaxonomy = reader.bool(map["replace_taxonomy"], "clustering.replace_taxonomy") ?? false
        if options.replaceTaxonomy, options.taxonomy.isEmpty {
            reader.fail(map["replace_taxonomy"], "clustering.replace_taxonomy", "needs at least one file in `clustering.taxonomy`")
        }
        options.minSize = reader.int(map["min_size"], "clustering.min_size", range: 1...1_000_000) ?? options.minSize
        return options
    }

    func parseOutputs(_ node: Node?, name: String, base: String, reader: inout YAMLNodeReader) -> OutputOptions {
        let fallback = Self.resolve("out/\(name.isEmpty ? "vox" : name)", base: base)
        var options = OutputOptions(directory: fallback)
        guard let node, let map = reader.mapping(node, "outputs", allowed: ["directory", "formats", "redact", "max_reject_ratio", "history", "keep_runs"]) else {
            return options
        }
        if let directory = reader.string(map["directory"], "outputs.directory", required: true, parent: node) {
            options.directory = Self.resolve(directory, base: base)
        }
        if let formats = reader.strings(map["formats"], "outputs.formats") {
            var set: Set<OutputFormat> = []
            for (index, format) in formats.enumerated() {
                if let value = OutputFormat(rawValue: format) { set.insert(value) } else {
                    reader.fail(map["formats"]?.sequence?[index] ?? map["formats"], "outputs.formats[\(index)]",
                                "unknown format `\(format)`; expected \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            options.formats = set
        }
        options.redact = reader.bool(map["redact"], "outputs.redact") ?? true
        options.maxRejectRatio = reader.double(map["max_reject_ratio"], "outputs.max_reject_ratio", range: 0...1) ?? options.maxRejectRatio
        options.history = reader.string(map["history"], "outputs.history").map { Self.resolve($0, base: base) }
        options.keepRuns = reader.int(map["keep_runs"], "outputs.keep_runs", range: 1...1000) ?? options.keepRuns
        return options
    }

    // MARK: helpers

    static func resolve(_ path: String, base: String) -> String {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return URL(fileURLWithPath: base).appendingPathComponent(path).standardizedFileURL.path
    }

    static func singleByte(_ text: String) -> UInt8? {
        let bytes = Array(text.utf8)
        return bytes.count == 1 ? bytes[0] : nil
    }

    static func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    static func offsetSeconds(_ zone: String) -> Int? {
        if zone == "UTC" || zone == "Z" { return 0 }
        let sign: Int
        if zone.hasPrefix("+") { sign = 1 } else if zone.hasPrefix("-") { sign = -1 } else { return nil }
        let parts = zone.dropFirst().split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), hours <= 14, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    static func yamlError(_ error: YamlError, file: String) -> PipelineError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return PipelineError(file: file, line: mark.line, keyPath: "", message: "invalid YAML: \(problem)")
        default:
            return PipelineError(file: file, line: 0, keyPath: "", message: "invalid YAML: \(error)")
        }
    }
}
