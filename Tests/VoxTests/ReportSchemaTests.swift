import Foundation
import Testing
@testable import VoxPipeline

/// The JSON Schema validator used for report.json, tested on its own so that a passing schema
/// check means something; then the demo's report.json against `schemas/report.schema.json`.
@Suite("report.json schema")
struct ReportSchemaTests {
    static let schema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["id", "share", "tags", "kind"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string"},
            "share": {"$ref": "#/$defs/share"},
            "count": {"type": "integer", "minimum": 0},
            "note": {"type": ["string", "null"]},
            "flag": {"type": "boolean"},
            "kind": {"enum": ["a", "b"]},
            "tags": {"type": "array", "items": {"type": "string"}},
            "extra": {"type": "object", "additionalProperties": {"type": "integer"}}
          },
          "$defs": {"share": {"type": "number", "minimum": 0, "maximum": 1}}
        }
        """

    static func problems(_ document: String, schema: String = schema) throws -> [String] {
        try JSONSchemaValidator(schema: Data(schema.utf8)).validate(Data(document.utf8))
    }

    @Test("a document that fits passes")
    func valid() throws {
        #expect(try Self.problems(#"{"id": "x", "share": 0.5, "count": 3, "note": null, "flag": false, "kind": "a", "tags": ["t"], "extra": {"n": 1}}"#).isEmpty)
        #expect(try Self.problems(#"{"id": "x", "share": 1, "tags": [], "kind": "b", "count": 2.0}"#).isEmpty)
    }

    @Test("each violated keyword is reported with its JSON pointer", arguments: [
        (#"{"share": 0.5, "tags": [], "kind": "a"}"#, "/: required property `id` is missing"),
        (#"{"id": 1, "share": 0.5, "tags": [], "kind": "a"}"#, "/id: expected string, got 1"),
        (#"{"id": "x", "share": 1.5, "tags": [], "kind": "a"}"#, "/share: 1.5 is above the maximum 1.0"),
        (#"{"id": "x", "share": -0.1, "tags": [], "kind": "a"}"#, "/share: -0.1 is below the minimum 0.0"),
        (#"{"id": "x", "share": 0.5, "tags": [], "kind": "a", "count": 1.5}"#, "/count: expected integer, got 1.5"),
        (#"{"id": "x", "share": 0.5, "tags": [], "kind": "a", "count": true}"#, "/count: expected integer, got true"),
        (#"{"id": "x", "share": 0.5, "tags": [], "kind": "a", "flag": 1}"#, "/flag: expected boolean, got 1"),
        (#"{"id": "x", "share": 0.5, "tags": [], "kind": "a", "note": 3}"#, "/note: expected string or null, got 3"),
        (#"{"id": "x", "share": 0.5, "tags": [], "kind": "c"}"#, "/kind: \"c\" is not one of \"a\", \"b\""),
        (#"{"id": "x", "share": 0.5, "tags": ["t", 2], "kind": "a"}"#, "/tags/1: expected string, got 2"),
        (#"{"id": "x", "share": 0.5, "tags": [], "kind": "a", "surprise": 1}"#, "/: property `surprise` is not allowed by the schema"),
        (#"{"id": "x", "share": 0.5, "tags": [], "kind": "a", "extra": {"a/b": "no"}}"#, "/extra/a~1b: expected integer, got \"no\""),
    ])
    func invalid(document: String, problem: String) throws {
        #expect(try Self.problems(document) == [problem])
    }

    @Test("a schema using a keyword the validator does not implement is refused, not half-checked")
    func unsupported() throws {
        #expect(throws: JSONSchemaValidator.SchemaError.self) {
            _ = try Self.problems(#"{"id": "x"}"#, schema: #"{"type": "object", "properties": {"id": {"type": "string", "pattern": "^x$"}}}"#)
        }
        #expect(throws: JSONSchemaValidator.SchemaError.self) {
            _ = try Self.problems(#"{"id": "x"}"#, schema: ##"{"$ref": "#/$defs/missing"}"##)
        }
    }

    @Test("the demo's report.json (with a previous run and history) validates against schemas/report.schema.json")
    func demoReport() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try DemoRun.run(into: out)
        #expect(outcome.result.previous != nil && outcome.result.changes != nil)
        let schema = try Data(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("schemas/report.schema.json"))
        let validator = try JSONSchemaValidator(schema: schema)
        let report = try Data(contentsOf: out.appendingPathComponent("report/report.json"))
        #expect(try validator.validate(report) == [])
        // The check can fail: the same report with a share out of range and an unknown field does.
        var text = String(decoding: report, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"schema_version\": 1,", with: "\"schema_version\": 1,\n  \"surprise\": true,")
        let broken = try #require(text.range(of: "\"share\": 0."))
        text.replaceSubrange(broken, with: "\"share\": 7.")
        let problems = try validator.validate(Data(text.utf8))
        #expect(problems.contains("/: property `surprise` is not allowed by the schema"))
        #expect(problems.contains { $0.hasPrefix("/clusters/0/share: 7.") && $0.hasSuffix("is above the maximum 1.0") })
    }
}
