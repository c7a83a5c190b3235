import Foundation
import Testing
@testable import VoxIngest
@testable import VoxPipeline

@Suite("Pipeline file parsing")
struct PipelineParserTests {
    let base = "/data/pipelines"

    func parse(_ yaml: String) throws -> PipelineConfig {
        try PipelineParser().parse(yaml, file: "p.yml", baseDirectory: base)
    }

    /// The errors a file produces, as printed.
    func errors(_ yaml: String) -> [String] {
        do {
            _ = try parse(yaml)
            return []
        } catch let error as PipelineErrors {
            return error.errors.map(\.description)
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    static let valid = """
        name: shop
        sources:
          - name: survey
            format: csv
            path: data/survey.csv
            delimiter: ";"
            fields:
              id: response_id
              text: comment
              time: {field: submitted_at, format: iso8601, timezone: "+01:00"}
              rating: {field: csat, scale: csat}
              segments:
                region: region
          - name: tickets
            format: json
            path: [data/a.json, "data/b-*.json"]
            records: data.items
            explode: comments
            fields:
              text: [subject, body]
              role: {field: inbound, values: {"true": customer, "false": agent}}
              conversation: parent.id
              author: author.name
          - name: reviews
            format: xml
            path: /abs/reviews.xml
            record: export/reviews/review
            fields:
              id: "@id"
              text: body
        scoring:
          overlays: [customer-service]
          thresholds: {negative: -0.1, positive: 0.1}
        clustering:
          min_size: 3
        outputs:
          directory: ../out
          formats: [markdown, json]
          redact: false
          max_reject_ratio: 0.1
          history: ../history
        """

    @Test("a valid file gives every option its value and resolves paths against the file's directory")
    func validFile() throws {
        let config = try parse(Self.valid)
        #expect(config.name == "shop")
        #expect(config.sources.count == 3)
        let survey = config.sources[0]
        #expect(survey.paths == ["/data/pipelines/data/survey.csv"])
        guard case .csv(let csv) = survey.format else { Issue.record("expected csv"); return }
        #expect(csv.delimiter == UInt8(ascii: ";"))
        #expect(survey.fields.id?.raw == "response_id")
        #expect(survey.fields.time?.format == .iso8601)
        #expect(survey.fields.time?.defaultOffsetSeconds == 3600)
        #expect(survey.fields.rating?.scale == .csat)
        #expect(survey.fields.segments.map(\.name) == ["region"])
        let tickets = config.sources[1]
        #expect(tickets.paths == ["/data/pipelines/data/a.json", "/data/pipelines/data/b-*.json"])
        guard case .json(let json) = tickets.format else { Issue.record("expected json"); return }
        #expect(json.records?.raw == "data.items")
        #expect(json.explode?.raw == "comments")
        #expect(tickets.fields.text.map(\.raw) == ["subject", "body"])
        #expect(tickets.fields.role?.values["false"] == .agent)
        guard case .xml(let xml) = config.sources[2].format else { Issue.record("expected xml"); return }
        #expect(xml.record == "export/reviews/review")
        #expect(config.sources[2].paths == ["/abs/reviews.xml"])
        #expect(config.scoring.overlays == ["customer-service"])
        #expect(config.scoring.thresholds.negative == -0.1)
        #expect(config.clustering.minSize == 3)
        #expect(config.outputs.directory == "/data/out")
        #expect(config.outputs.formats == [.markdown, .json])
        #expect(config.outputs.redact == false)
        #expect(config.outputs.maxRejectRatio == 0.1)
        #expect(config.outputs.history == "/data/history")
        #expect(config.sourceLines == [3, 14, 24])
    }

    @Test("a missing text field is reported with file, line and key path")
    func missingText() {
        let yaml = """
            name: x
            sources:
              - name: a
                format: csv
                path: a.csv
                fields:
                  id: id
            """
        #expect(errors(yaml) == ["p.yml:7: sources[0].fields.text: required"])
    }

    @Test("an unknown key is an error that names it and suggests the near miss")
    func unknownKey() {
        let yaml = """
            name: x
            sources:
              - name: a
                format: csv
                path: a.csv
                delimeter: ";"
                fields: {text: t}
            """
        let found = errors(yaml)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("p.yml:6: sources[0].delimeter: unknown key; did you mean `delimiter`?") == true)
    }

    @Test("options of another format are unknown keys for this one")
    func optionOfOtherFormat() {
        let yaml = """
            name: x
            sources:
              - name: a
                format: csv
                path: a.csv
                record: review
                fields: {text: t}
            """
        #expect(errors(yaml).first?.hasPrefix("p.yml:6: sources[0].record: unknown key") == true)
    }

    @Test("an unknown top-level key is an error")
    func unknownTopLevelKey() {
        let yaml = "name: x\nsource: []\n"
        let found = errors(yaml)
        #expect(found.contains { $0.hasPrefix("p.yml:2: source: unknown key; did you mean `sources`?") })
        #expect(found.contains("p.yml:1: sources: required"))
    }

    @Test("a missing or unknown format is reported")
    func badFormat() {
        let missing = "name: x\nsources:\n  - name: a\n    path: a\n    fields: {text: t}\n"
        #expect(errors(missing) == ["p.yml:3: sources[0].format: required (csv, json or xml)"])
        let unknown = "name: x\nsources:\n  - name: a\n    format: parquet\n    path: a\n    fields: {text: t}\n"
        #expect(errors(unknown) == ["p.yml:4: sources[0].format: unknown format `parquet`; expected csv, json or xml"])
    }

    @Test("a bad rating scale, role value and threshold are each reported")
    func badValues() {
        let yaml = """
            name: x
            sources:
              - name: a
                format: json
                path: a.json
                fields:
                  text: t
                  rating: {field: r, scale: percent}
                  role: {field: who, values: {c: customer, b: bot}}
            scoring:
              thresholds: {negative: 0.5}
            outputs:
              max_reject_ratio: 2
              directory: out
            """
        let found = errors(yaml)
        #expect(found.contains { $0.hasPrefix("p.yml:8: sources[0].fields.rating.scale: unknown scale `percent`") })
        #expect(found.contains("p.yml:9: sources[0].fields.role.values.b: expected customer, agent or system"))
        #expect(found.contains("p.yml:11: scoring.thresholds.negative: expected a number from -1.0 to 0.0"))
        #expect(found.contains("p.yml:13: outputs.max_reject_ratio: expected a number from 0.0 to 1.0"))
    }

    @Test("duplicate source names are reported")
    func duplicateSources() {
        let yaml = """
            name: x
            sources:
              - {name: a, format: csv, path: a.csv, fields: {text: t}}
              - {name: a, format: csv, path: b.csv, fields: {text: t}}
            """
        #expect(errors(yaml) == ["p.yml:4: sources[1].name: duplicate source name `a`"])
    }

    @Test("a YAML syntax error gives the line")
    func syntaxError() {
        let found = errors("name: x\nsources:\n  - name: [unclosed\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("p.yml:") == true)
        #expect(found.first?.contains("invalid YAML") == true)
    }

    @Test("an empty file is an error, not a crash")
    func emptyFile() {
        #expect(errors("") == ["p.yml: the pipeline file is empty"])
        #expect(errors("# only a comment\n") == ["p.yml: the pipeline file is empty"])
    }

    @Test("validation reports input paths that match nothing, with the source's line")
    func missingInputs() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write("comment\nhello\n", to: directory.appendingPathComponent("there.csv"))
        let yaml = """
            name: x
            sources:
              - {name: here, format: csv, path: there.csv, fields: {text: comment}}
              - {name: gone, format: csv, path: missing.csv, fields: {text: comment}}
              - {name: none, format: csv, path: "nothing-*.csv", fields: {text: comment}}
            """
        let config = try PipelineParser().parse(yaml, file: "p.yml", baseDirectory: directory.path)
        let problems = PipelineValidator().validate(config).map(\.description)
        #expect(problems.count == 2)
        #expect(problems[0] == "p.yml:4: sources[1].path: no such file `\(directory.path)/missing.csv`")
        #expect(problems[1] == "p.yml:5: sources[2].path: no file matches `\(directory.path)/nothing-*.csv`")
    }
}
