import Foundation
import Testing
import VoxModel
@testable import VoxPipeline

/// The demo pipeline the README's `make demo` runs: every source read, counts reconciled,
/// every output written and parseable.
@Suite("Demo pipeline")
struct DemoPipelineTests {
    @Test("reads all three sources with the expected counts and writes parseable outputs")
    func demo() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let file = TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml").path
        let config = try PipelineParser().parse(contentsOf: file)
        #expect(PipelineValidator().validate(config).isEmpty)
        let outcome = try PipelineRunner(config: config, options: RunOptions(outputDirectory: out.path, asOf: "2026-01-01")).run()
        let counts = outcome.result.sources.map { [$0.read, $0.accepted, $0.rejected, $0.duplicates] }
        // survey.csv: one short row, one empty comment, one duplicate; reviews.xml: one empty review.
        #expect(outcome.result.sources.map(\.name) == ["survey", "helpdesk", "appstore"])
        #expect(counts == [[150, 147, 2, 1], [155, 155, 0, 0], [60, 59, 1, 0]])
        #expect(!outcome.rejectThresholdExceeded)
        for name in ["report.json", "trend.json"] {
            #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(name))) is [String: Any])
        }
        for name in ["records.jsonl", "rejects.jsonl"] {
            let lines = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
            for line in lines { #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any]) }
            #expect(lines.count == (name == "records.jsonl" ? 361 : 3))
        }
        let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("| **Total** |  |  | **365** | **361** | **3** | **1** |"))
        // The demo plants fake personal data; none of it may reach the outputs.
        for secret in ["4111 1111 1111 1111", "@example.com", "7946 0123"] {
            for name in ["report.md", "report.html", "report.json", "records.jsonl", "rejects.jsonl"] {
                let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
                #expect(!text.contains(secret), "\(secret) leaked into \(name)")
            }
        }
    }

    /// The pain points planted in the demo data are the report's clusters, each with the
    /// complaints that name it (spot-checked by record id).
    @Test("the report's clusters are the demo's planted pain points")
    func plantedClusters() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try DemoRun.run(into: out)
        #expect(Set(outcome.result.clusters.map(\.id)) == [
            "delivery-delays", "refunds", "account-login", "app-defects", "support-responsiveness",
            "staff-attitude", "billing", "product-quality",
        ])
        #expect(outcome.result.clusters.allSatisfy { $0.quotes.count == 3 && $0.size >= 4 })
        var clusterOf: [String: String] = [:]
        for line in try String(contentsOf: out.appendingPathComponent("report/records.jsonl"), encoding: .utf8).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if let cluster = object["cluster"] as? String { clusterOf[object["id"] as! String] = cluster }
        }
        // "you confirmed you received it, still no refund": a refund, not a delivery.
        #expect(clusterOf["S-2025-0005"] == "refunds")
        #expect(clusterOf["S-2025-0009"] == "billing")
        #expect(clusterOf["S-2025-0002"] == "delivery-delays")
    }

    @Test("the demo's help desk shows warm, procedural and dismissive agents apart, with conversations, coaching examples and empathy vs recovery")
    func demoAgentsAndConversations() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try DemoRun.run(into: out)
        let result = outcome.result
        // 40 tickets, each a conversation with the customer's mood at start and end.
        let tickets = result.conversations.filter { $0.source == "helpdesk" }
        #expect(tickets.count == 40)
        #expect(tickets.allSatisfy { $0.startCompound != nil && $0.firstReplySeconds != nil })
        let agents = Dictionary(uniqueKeysWithValues: result.agents.map { ($0.agent, $0) })
        let warm = try ["Priya", "Tomás"].map { try #require(agents[$0]) }
        let procedural = try ["Jonas", "Aiko"].map { try #require(agents[$0]) }
        let dismissive = try ["Brett", "Dana"].map { try #require(agents[$0]) }
        // Warm agents score well above procedural ones, who score above dismissive ones; only
        // dismissive agents blame, and warm agents acknowledge every upset customer.
        #expect(warm.map(\.meanEmpathy).min()! > 50)
        #expect(procedural.map(\.meanEmpathy).max()! < warm.map(\.meanEmpathy).min()!)
        #expect(dismissive.map(\.meanEmpathy).max()! < procedural.map(\.meanEmpathy).min()!)
        #expect(dismissive.allSatisfy { ($0.antiPatterns["dismissive"] ?? 0) > 0 && ($0.antiPatterns["blame"] ?? 0) > 0 })
        #expect(warm.allSatisfy { $0.antiPatterns.isEmpty && $0.acknowledgmentRate == 1 })
        #expect(warm.allSatisfy { ($0.personalizationRate ?? 0) > 0.5 })
        #expect(dismissive.allSatisfy { $0.personalizationRate == 0 })
        // Coaching examples come from dismissive agents, exemplary replies from warm ones.
        let service = result.service
        #expect(service.coachingExamples.count == 5 && service.exemplaryReplies.count == 5)
        #expect(service.coachingExamples.allSatisfy { ["Brett", "Dana"].contains($0.agent) && $0.customerCompound <= -0.05 && !$0.customerMessage.isEmpty })
        #expect(service.exemplaryReplies.allSatisfy { ["Priya", "Tomás"].contains($0.agent) })
        let split = try #require(service.empathyVersusRecovery)
        #expect(split.highConversations > 0 && split.lowConversations > 0)
        #expect(split.highRate! > split.lowRate!)
        #expect(service.segments.contains { $0.segment == "channel" })
        let report = try String(contentsOf: out.appendingPathComponent("report/report.md"), encoding: .utf8)
        for heading in ["## Conversations", "## Agents", "## Empathy and recovery", "### Coaching examples", "### Exemplary replies"] {
            #expect(report.contains(heading), "\(heading) missing")
        }
        #expect(report.contains("| Priya | 11 | \(NumberFormatForTests.fixed(agents["Priya"]!.meanEmpathy)) |"))
        #expect(report.contains("median first reply"))
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report/report.json"))) as? [String: Any])
        let serviceJSON = try #require(json["service"] as? [String: Any])
        #expect((serviceJSON["coaching_examples"] as? [Any])?.count == 5)
        #expect((json["agents"] as? [[String: Any]])?.first { $0["agent"] as? String == "Priya" }?["personalization_rate"] is Double)
    }
}

enum NumberFormatForTests {
    static func fixed(_ value: Double) -> String { String(format: "%.1f", value) }
}
