import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
import VoxModel
@testable import VoxPipeline

/// Exports and pipeline files written to hurt: entity attacks, URLs in DTDs, NUL bytes, invalid
/// and overlong UTF-8, deep nesting, huge lines and fields, YAML alias bombs, paths leaving the
/// pipeline's directory. Each must give a clear error or reject with its location, in bounded
/// time and memory, and the run must go on with everything else. (The gigabyte-sized cases run
/// in `make faults`, which also measures memory.)
@Suite("Hostile input")
struct HostileInputTests {
    static func fixture(_ name: String) -> String { TestSupport.fixture("hostile/" + name) }

    /// Runs a pipeline whose sources are given as YAML lines; returns the outcome and rejects.
    static func run(sources: String, in root: URL) throws -> (PipelineRunner.Outcome, [Reject]) {
        let pipeline = root.appendingPathComponent("hostile.yml")
        try TestSupport.write("name: hostile\nsources:\n\(sources)\noutputs: {directory: out, max_reject_ratio: 1}\n", to: pipeline)
        let config = try PipelineParser().parse(contentsOf: pipeline.path)
        let outcome = try PipelineRunner(config: config, options: RunOptions(asOf: "2026-01-01")).run()
        let lines = try String(contentsOf: root.appendingPathComponent("out/rejects.jsonl"), encoding: .utf8).split(separator: "\n")
        let rejects = try lines.map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return Reject(
                source: object["source"] as? String ?? "",
                location: InputLocation(file: object["file"] as? String ?? "", line: object["line"] as? Int, column: object["column"] as? Int),
                reason: object["reason"] as? String ?? "", message: object["message"] as? String ?? "", excerpt: object["excerpt"] as? String ?? ""
            )
        }
        return (outcome, rejects)
    }

    static func counts(_ outcome: PipelineRunner.Outcome) -> [String: [Int]] {
        Dictionary(uniqueKeysWithValues: outcome.result.sources.map { ($0.name, [$0.read, $0.accepted, $0.rejected]) })
    }

    @Test("entity attacks, NUL bytes and invalid UTF-8: each file's damage is a located reject; every good record is read")
    func exports() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let xml = "format: xml, record: review, fields: {id: \"@id\", text: t}"
        let flat = "fields: {id: id, text: comment}"
        let (outcome, rejects) = try Self.run(sources: """
              - {name: good, format: csv, path: \(Self.fixture("good.csv")), \(flat)}
              - {name: xxe, path: \(Self.fixture("xxe-file.xml")), \(xml)}
              - {name: laughs, path: \(Self.fixture("billion-laughs.xml")), \(xml)}
              - {name: nulcsv, format: csv, path: \(Self.fixture("nul.csv")), \(flat)}
              - {name: nuljson, format: json, path: \(Self.fixture("nul.jsonl")), \(flat)}
              - {name: nulxml, path: \(Self.fixture("nul.xml")), \(xml)}
              - {name: badcsv, format: csv, path: \(Self.fixture("invalid-utf8.csv")), \(flat)}
              - {name: badjson, format: json, path: \(Self.fixture("invalid-utf8.jsonl")), \(flat)}
              - {name: badxml, path: \(Self.fixture("invalid-utf8.xml")), \(xml)}
            """, in: root)
        #expect(Self.counts(outcome) == [
            "good": [3, 3, 0], "xxe": [1, 0, 1], "laughs": [1, 0, 1],
            "nulcsv": [2, 2, 0], "nuljson": [3, 2, 1], "nulxml": [2, 1, 1],
            "badcsv": [5, 5, 0], "badjson": [2, 2, 0], "badxml": [2, 1, 1],
        ])
        let bySource = Dictionary(grouping: rejects, by: \.source)
        // Entities are refused at their declaration: nothing from /etc/passwd, no expansion.
        #expect(bySource["xxe"]?.first?.reason == "malformed_file")
        #expect(bySource["xxe"]?.first?.message.contains("declares entities") == true)
        #expect(bySource["xxe"]?.first?.location.line == 2)
        #expect(bySource["laughs"]?.first?.location.line == 3)
        #expect(bySource["nuljson"]?.first.map { [$0.reason, "\($0.location.line ?? 0)"] } == ["malformed_json", "2"])
        #expect(bySource["nulxml"]?.first?.location.line == 3)
        #expect(bySource["badxml"]?.first?.message.contains("not proper UTF-8") == true)
        // Invalid UTF-8 that is kept (on_invalid_text: replace) is replaced and counted.
        let badcsv = try #require(outcome.result.sources.first { $0.name == "badcsv" })
        #expect(badcsv.invalidText == 5)
        let records = try String(contentsOf: root.appendingPathComponent("out/records.jsonl"), encoding: .utf8)
        #expect(!records.contains("root:"), "a line of /etc/passwd reached the outputs")
        #expect(records.contains("overlong slash \u{FFFD}\u{FFFD} here"))
    }

    /// A TCP listener on 127.0.0.1, to prove that nothing connects to it.
    final class Listener {
        let descriptor: Int32
        let port: UInt16

        init() throws {
            let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, length) }
            }
            try #require(socketDescriptor >= 0 && bound == 0 && listen(socketDescriptor, 16) == 0)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
            }
            _ = fcntl(socketDescriptor, F_SETFL, O_NONBLOCK)
            descriptor = socketDescriptor
            port = UInt16(bigEndian: address.sin_port)
        }

        /// Connections waiting to be accepted.
        func pendingConnections() -> Int {
            var count = 0
            while true {
                let client = accept(descriptor, nil, nil)
                if client < 0 { return count }
                close(client)
                count += 1
            }
        }

        deinit { close(descriptor) }
    }

    @Test("a DTD or a parameter entity at a URL is never fetched: nothing connects to the URL's port")
    func noNetwork() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let listener = try Listener()
        for name in ["dtd-url.xml", "parameter-entity-url.xml"] {
            let template = try String(contentsOfFile: Self.fixture(name + ".template"), encoding: .utf8)
            try TestSupport.write(template.replacingOccurrences(of: "PORT", with: "\(listener.port)"), to: root.appendingPathComponent(name))
        }
        let xml = "format: xml, record: review, fields: {id: \"@id\", text: t}"
        let (outcome, rejects) = try Self.run(sources: """
              - {name: dtd, path: dtd-url.xml, \(xml)}
              - {name: parameter, path: parameter-entity-url.xml, \(xml)}
            """, in: root)
        #expect(Self.counts(outcome) == ["dtd": [1, 1, 0], "parameter": [1, 0, 1]])
        #expect(rejects.first?.message.contains("declares entities") == true)
        #expect(listener.pendingConnections() == 0)
    }

    @Test("JSON nested 100,000 deep is a too_deep reject, not a stack overflow; the records around it are read")
    func deepJSON() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let deepObject = "{\"id\":\"deep\",\"comment\":" + deep + "}"
        try TestSupport.write("{\"id\":\"a\",\"comment\":\"before\"}\n\(deepObject)\n{\"id\":\"b\",\"comment\":\"after\"}\n",
                              to: root.appendingPathComponent("deep.jsonl"))
        try TestSupport.write("[{\"id\":\"c\",\"comment\":\"before\"},\(deepObject),{\"id\":\"d\",\"comment\":\"after\"}]",
                              to: root.appendingPathComponent("deep.json"))
        let (outcome, rejects) = try Self.run(sources: """
              - {name: lines, format: json, path: deep.jsonl, fields: {id: id, text: comment}}
              - {name: array, format: json, path: deep.json, fields: {id: id, text: comment}}
            """, in: root)
        #expect(Self.counts(outcome) == ["lines": [3, 2, 1], "array": [3, 2, 1]])
        #expect(rejects.map(\.reason) == ["too_deep", "too_deep"])
        #expect(rejects.first?.location.line == 2)
    }

    @Test("a 20 MB line and a 5 MB quoted CSV field (with quotes and line breaks inside) are rejected as too large; the rows after them are read")
    func hugeRecords() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let long = String(repeating: "x", count: 20 << 20)
        try TestSupport.write("{\"id\":\"a\",\"comment\":\"short\"}\n{\"id\":\"b\",\"comment\":\"\(long)\"}\n{\"id\":\"c\",\"comment\":\"after\"}\n",
                              to: root.appendingPathComponent("long.jsonl"))
        // Inside quotes: a comma, an escaped quote and a line break, over and over (5 MB).
        let field = String(repeating: "y,\"\"\n", count: 1 << 20)
        try TestSupport.write("id,comment\n1,short\n2,\"\(field)\"\n3,after\n", to: root.appendingPathComponent("field.csv"))
        let (outcome, rejects) = try Self.run(sources: """
              - {name: line, format: json, path: long.jsonl, fields: {id: id, text: comment}}
              - {name: field, format: csv, path: field.csv, fields: {id: id, text: comment}}
            """, in: root)
        #expect(Self.counts(outcome) == ["line": [3, 2, 1], "field": [3, 2, 1]])
        #expect(rejects.map(\.reason) == ["record_too_large", "field_too_large"])
        #expect(rejects.map(\.location.line) == [2, 3])
    }

    // MARK: pipeline files

    @Test("a YAML alias bomb is refused before it expands, at the line where it crosses the limit")
    func aliasBomb() throws {
        let error = try #require(throws: PipelineErrors.self) { try PipelineParser().parse(contentsOf: Self.fixture("alias-bomb.yml"), displayPath: "alias-bomb.yml") }
        #expect(error.description == "alias-bomb.yml:8: anchors and aliases here expand to more than 100000 values (an alias bomb?); write the pipeline without them")
        let binary = try TestSupport.runVox(["validate", Self.fixture("alias-bomb.yml")])
        #expect(binary.status == 2)
        #expect(binary.stderr.contains("alias bomb"))
    }

    @Test("an alias used as a mapping key is refused before composing (keys are hashed in full)")
    func aliasKey() throws {
        let error = try #require(throws: PipelineErrors.self) { try PipelineParser().parse(contentsOf: Self.fixture("alias-key.yml"), displayPath: "alias-key.yml") }
        #expect(error.description == "alias-key.yml:7: alias `*b` used as a mapping key; aliases are allowed as values only")
    }

    @Test("anchors and aliases used as people do (a shared field mapping) still work")
    func anchorsAllowed() throws {
        let config = try PipelineParser().parse(contentsOf: Self.fixture("anchors-ok.yml"))
        #expect(config.sources.map(\.name) == ["march", "april"])
        #expect(config.sources.map(\.fields.text.count) == [1, 1])
    }

    @Test("aliases in comments and quoted text are not aliases")
    func aliasLookalikes() throws {
        let config = try PipelineParser().parse("""
            # *not an alias: here
            name: "*quoted: too"
            sources:
              - {name: s, format: csv, path: s.csv, fields: {text: '*x: y'}}
            """, file: "p.yml", baseDirectory: "/srv")
        #expect(config.name == "*quoted: too")
    }

    @Test("relative input paths leaving the pipeline's directory are refused with their lines; absolute ones are allowed")
    func paths() throws {
        let error = try #require(throws: PipelineErrors.self) { try PipelineParser().parse(contentsOf: Self.fixture("outside-path.yml"), displayPath: "outside-path.yml") }
        #expect(error.errors.map(\.line) == [6, 10, 13])
        #expect(error.errors.map(\.keyPath) == ["sources[0].path", "sources[1].path[1]", "scoring.lexicons[0]"])
        #expect(error.errors[0].message.contains("leads outside the pipeline's directory"))
        #expect(error.errors[0].message.contains("write it as an absolute path if you mean to read /etc/passwd"))
        let allowed = try PipelineParser().parse("""
            name: p
            sources:
              - {name: s, format: csv, path: /etc/passwd, fields: {text: "1"}}
              - {name: t, format: csv, path: exports/../exports/a.csv, fields: {text: "1"}}
            outputs: {directory: ../../out/p}
            """, file: "p.yml", baseDirectory: "/srv/vox/pipelines")
        #expect(allowed.sources.map(\.paths) == [["/etc/passwd"], ["/srv/vox/pipelines/exports/a.csv"]])
        #expect(allowed.outputs.directory == "/srv/out/p")
        let home = try #require(throws: PipelineErrors.self) {
            try PipelineParser().parse("name: p\nsources: [{name: s, format: csv, path: ~/a.csv, fields: {text: t}}]\n", file: "p.yml", baseDirectory: "/srv")
        }
        #expect(home.errors.first?.message.contains("`~` is not expanded") == true)
    }
}
