import Foundation
import Testing
@testable import VoxAggregate
import VoxModel
@testable import VoxPipeline
import VoxText

/// Pain-point discovery: what the taxonomy does not know is found, grouped, named, merged into
/// an aspect when it is one, and keeps its id from run to run.
@Suite("Pain-point discovery")
struct DiscoveryTests {
    static let engine = try! ScoringEngine(backgroundSampling: 1)

    /// Complaints about things the taxonomy has no aspect for (a hotel's swimming pool, its
    /// parking), a few vague ones, and a background of other feedback.
    static let swimming = [
        "The swimming pool was closed all week and the pool towels ran out",
        "Swimming pool closed for the whole stay, kids gutted",
        "No lifeguard at the swimming pool and the pool water was green",
        "Swimming pool full of leaves every single morning",
        "The pool shut at 5pm, swimming pool hours are ridiculous",
        "swimming pool so cold and half of it fenced off",
    ]
    static let parking = [
        "Underground parking so narrow I scraped the car",
        "No parking spaces left after 6pm, parking was a nightmare",
        "Parking garage full so we left the car two streets away",
        "Parking bays painted so tight we squeezed out of the car",
        "Parking attendant waved us off, parking full again",
        "Parking spaces marked for guests were taken by the neighbours",
    ]
    static let vague = ["Awful, just awful.", "Worst trip ever, terrible.", "Really disappointed this time."]
    static let background = [
        "Lovely stay, friendly reception and a comfy bed", "The breakfast was great and the lobby clean",
        "Great value, would stay again", "Reception was friendly and helpful", "Comfortable stay, good value",
        "Clean and quiet, a smooth check out", "Easy to find, lovely views", "Nice weekend away with the family",
    ]

    /// The same complaints as different customers might open them: enough records for the
    /// z-scores of a small run to clear significance.
    static func many(_ texts: [String]) -> [String] {
        ["", "Stayed in May. ", "Second visit: ", "Family trip. "].flatMap { prefix in texts.map { prefix + $0 } }
    }

    static func pool(_ complaints: [String], background: [String] = many(background)) -> DiscoveryPool {
        var pool = DiscoveryPool()
        for (ordinal, text) in complaints.enumerated() {
            let (assignment, phrases) = engine.cluster(text, sampled: true)
            #expect(assignment.primary == nil, "the taxonomy should not know: \(text)")
            guard case .candidate(let hashes) = phrases else { continue }
            pool.addCandidate(DiscoveryCandidate(
                ordinal: ordinal, recordID: "r\(ordinal)", source: "test", text: text, compound: -0.6, segments: [], phrases: hashes
            ))
        }
        for text in background {
            pool.addBackground(phrases: engine.extractor.phraseHashes(engine.extractor.words(text)), weight: 1)
        }
        return pool
    }

    /// Cluster label → texts of its members.
    static func groups(_ result: PainPointDiscovery.Result) -> [String: Set<String>] {
        Dictionary(uniqueKeysWithValues: result.clusters.map { cluster in
            (cluster.label, Set(cluster.members.map { result.candidates[$0.candidate].text }))
        })
    }

    @Test("over-represented topical phrases are found and grouped by the records they share")
    func findsAndGroups() {
        let result = Self.engine.discovery.discover(Self.pool(Self.many(Self.swimming + Self.parking) + Self.vague))
        let groups = Self.groups(result)
        #expect(groups.count == 2, "\(groups.keys.sorted())")
        let swimming = groups.first { $0.key.lowercased().contains("pool") }
        let parking = groups.first { $0.key.lowercased().contains("parking") }
        #expect(swimming?.value == Set(Self.many(Self.swimming)))
        #expect(parking?.value == Set(Self.many(Self.parking)))
        // Vague complaints fit nothing and are not forced into a cluster.
        for text in Self.vague { #expect(!groups.values.contains { $0.contains(text) }) }
        #expect(result.clusters.allSatisfy { $0.mergedInto == nil })
    }

    @Test("sentiment words and vague words never make a topic on their own")
    func topicality() {
        let discovery = Self.engine.discovery
        #expect(!discovery.isTopical("terrible"))
        #expect(!discovery.isTopical("months"))
        #expect(!discovery.isTopical("clearly"))
        #expect(discovery.isTopical("parking"))
        #expect(discovery.isTopical("terrible parking"))
        let result = discovery.discover(Self.pool(Self.many(Self.swimming + Self.parking) + Self.vague))
        #expect(!result.phrases.contains { ["awful", "terrible", "disappointed", "ridiculous"].contains($0.surface) })
    }

    @Test("the log-odds z-score rises with over-representation and is 0 when frequencies match")
    func logOdds() {
        let over = PainPointDiscovery.logOddsZ(foreground: 20, foregroundTotal: 2_000, background: 10, backgroundTotal: 20_000, priorStrength: 500)
        let same = PainPointDiscovery.logOddsZ(foreground: 30, foregroundTotal: 2_000, background: 300, backgroundTotal: 20_000, priorStrength: 500)
        let under = PainPointDiscovery.logOddsZ(foreground: 2, foregroundTotal: 2_000, background: 400, backgroundTotal: 20_000, priorStrength: 500)
        #expect(over > 5)
        #expect(abs(same) < 0.01)
        #expect(under < -1.96)
    }

    @Test("a discovered group whose records carry an aspect's context words merges into that aspect")
    func mergesIntoAspect() {
        // Parcels, orders, packages and deliveries are delivery context, too little alone to
        // claim a record, and common in the background too; the group forms on "depot", and
        // its records are about delivery.
        let depot = [
            "The parcel sat at the depot for ages", "my order sat at the depot untouched",
            "Package sat at the depot, nobody moved it", "the delivery sat at the depot for nine days",
        ]
        let background = Self.many(Self.background + [
            "Parcel came quickly, thanks", "Lovely order, well wrapped", "the package was on time", "Delivery turned up a day early",
        ])
        let result = Self.engine.discovery.discover(Self.pool(Self.many(depot), background: background))
        #expect(result.clusters.count == 1)
        #expect(result.clusters.first?.mergedInto == "delivery-delays")
    }

    @Test("a group whose own phrase holds an aspect's context word stays apart: promo codes are not logins")
    func ownPhrasesDoNotMerge() {
        // "code" is account-login context, but here it is the discovered phrase itself.
        let promo = [
            "Promo code rejected at checkout", "the promo code rejected twice", "Promo code rejected, said expired",
            "promo code rejected though the email says valid", "Promo code rejected again",
        ]
        let result = Self.engine.discovery.discover(Self.pool(Self.many(promo)))
        #expect(result.clusters.count == 1)
        #expect(result.clusters.first?.mergedInto == nil)
        #expect(result.clusters.first?.label.lowercased().contains("promo code") == true)
    }

    @Test("labels prefer a longer phrase when nearly as common, and one that ends on what it is about")
    func labels() {
        let discovery = Self.engine.discovery
        func phrase(_ surface: String, _ support: Int) -> PainPointDiscovery.Phrase {
            PainPointDiscovery.Phrase(hash: PhraseHash.of(surface), key: surface, surface: surface, support: support, z: 3)
        }
        #expect(discovery.label([phrase("sent the wrong", 21), phrase("wrong colour", 21), phrase("sent", 21)]) == "Wrong colour")
        #expect(discovery.label([phrase("box", 111), phrase("box was crushed", 85)]) == "Box was crushed")
        #expect(discovery.label([phrase("pool", 30), phrase("swimming pool", 12)]) == "Pool")
    }

    @Test("the clusters do not depend on the order of the records")
    func orderFree() {
        let complaints = Self.many(Self.swimming + Self.parking) + Self.vague
        var generator = SeededRandom(seed: 7)
        let shuffled = complaints.shuffled(using: &generator)
        let a = Self.engine.discovery.discover(Self.pool(complaints))
        let b = Self.engine.discovery.discover(Self.pool(shuffled, background: Self.many(Self.background).reversed()))
        #expect(Self.groups(a) == Self.groups(b))
        #expect(a.clusters.map(\.definingPhrases) == b.clusters.map(\.definingPhrases))
    }

    @Test("ids: a continued cluster keeps its id though its label changed; new ones get unique slugs")
    func identity() {
        let identity = ClusterIdentity(extractor: Self.engine.extractor)
        let previous = TrendSnapshot(pipeline: "t", asOf: "2026-01-01", totals: TrendFigures(volume: 0, customerMessages: 0, negative: 0, negativeShare: nil, meanCompound: nil), clusters: [
            "no-legroom": ClusterTrend(label: "No legroom", volume: 6, share: 0.5, meanSentiment: -0.6, severity: 3.6, phrases: ["no legroom", "cramped seats", "legroom"]),
            "onboard-wifi": ClusterTrend(label: "Onboard wifi", volume: 5, share: 0.4, meanSentiment: -0.5, severity: 2.5, phrases: ["onboard wifi", "wifi"]),
            "refunds": ClusterTrend(label: "Refund not received", volume: 3, share: 0.1, meanSentiment: -0.5, severity: 1.5, phrases: ["no refund"]),
        ], segments: [:])
        let named = identity.name([
            (label: "Cramped seats", phrases: ["cramped seat", "legroom", "seat pitch"]),
            (label: "Refunds", phrases: ["toilet", "toilets"]),
            (label: "Toilet", phrases: ["toilets broken"]),
        ], reserved: ["refunds"], previous: previous)
        #expect(named.map(\.id) == ["no-legroom", "refunds-2", "toilet"])
        #expect(named.map(\.lineage.kind) == [.continued, .new, .new])
        #expect(named[0].lineage.previous == ["no-legroom"])

        let current = [
            PainPointCluster(id: "no-legroom", label: "Cramped seats", phrases: [], size: 6, share: 0.5, meanSentiment: -0.6, severity: 3.6, origin: .discovered),
            PainPointCluster(id: "refunds", label: "Refund not received", phrases: [], size: 2, share: 0.1, meanSentiment: -0.5, severity: 1, origin: .taxonomy),
            PainPointCluster(id: "billing", label: "Billing", phrases: [], size: 2, share: 0.1, meanSentiment: -0.5, severity: 1, origin: .taxonomy),
        ]
        let lineage = ClusterIdentity.lineage(current: current, discovered: ["no-legroom": named[0].lineage], previous: previous)
        #expect(lineage.map { "\($0.kind.rawValue) \($0.id)" } == ["continued no-legroom", "continued refunds", "new billing", "vanished onboard-wifi"])
    }

    @Test("lineage: two previous clusters in one are merged; one previous cluster in two is split")
    func mergeAndSplit() {
        let identity = ClusterIdentity(extractor: Self.engine.extractor)
        let figures = TrendFigures(volume: 0, customerMessages: 0, negative: 0, negativeShare: nil, meanCompound: nil)
        let two = TrendSnapshot(pipeline: "t", asOf: "2026-01-01", totals: figures, clusters: [
            "legroom": ClusterTrend(label: "Legroom", volume: 6, share: 0.5, meanSentiment: -0.6, severity: 3.6, phrases: ["legroom", "knees"]),
            "seat-pitch": ClusterTrend(label: "Seat pitch", volume: 3, share: 0.2, meanSentiment: -0.6, severity: 1.8, phrases: ["seat pitch", "seats"]),
        ], segments: [:])
        let merged = identity.name([(label: "Legroom and seats", phrases: ["legroom", "seat pitch", "knees", "seats"])], reserved: [], previous: two)
        #expect(merged.map(\.id) == ["legroom"])
        #expect(merged.first?.lineage.kind == .merged)
        #expect(merged.first?.lineage.previous == ["legroom", "seat-pitch"])

        let one = TrendSnapshot(pipeline: "t", asOf: "2026-01-01", totals: figures, clusters: [
            "coach-comfort": ClusterTrend(label: "Coach comfort", volume: 9, share: 0.5, meanSentiment: -0.6, severity: 5, phrases: ["legroom", "wifi"]),
        ], segments: [:])
        let split = identity.name([(label: "Legroom", phrases: ["legroom"]), (label: "Wifi", phrases: ["wifi"])], reserved: [], previous: one)
        #expect(split.map(\.id) == ["coach-comfort", "wifi"])
        #expect(split.map(\.lineage.kind) == [.split, .split])
    }

    /// Clearly negative complaints about `topic`, each detail said by two customers only, as
    /// varied feedback would be: the topic is what they share.
    static func varied(_ topic: String, _ details: [String]) -> [String] {
        let openers = ["Awful stay.", "Really disappointing.", "Terrible.", "So annoyed,", "Shocking:", "Never again,"]
        return details.indices.flatMap { index in
            [0, 3].map { shift in "\(openers[(index + shift) % openers.count]) The \(topic) \(details[index])." }
        }
    }

    static let swimmingVaried = varied("swimming pool", [
        "was closed all week", "had no lifeguard", "was full of leaves", "shut at 5pm", "was green and smelly", "had half the tiles missing",
    ])
    static let parkingVaried = varied("hotel parking", [
        "was full every evening", "had spaces far too narrow", "was a mile from the entrance", "flooded after the rain",
        "had no lighting at all", "was shared with a gym",
    ])

    @Test("a pipeline run discovers an unknown pain point, writes it to records.jsonl, and keeps its id the next night")
    func stableAcrossRuns() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var rows = ["id,comment"]
        for (index, text) in (Self.swimmingVaried + Self.parkingVaried + Self.vague + Self.many(Self.background)).enumerated() {
            rows.append("c\(index),\"\(text)\"")
        }
        try TestSupport.write(rows.joined(separator: "\n") + "\n", to: directory.appendingPathComponent("feedback.csv"))
        try TestSupport.write("""
            name: coach
            sources:
              - name: survey
                format: csv
                path: feedback.csv
                fields: {id: id, text: comment}
            outputs:
              directory: out
              history: history
            """, to: directory.appendingPathComponent("coach.yml"))
        let config = try PipelineParser().parse(contentsOf: directory.appendingPathComponent("coach.yml").path)
        let out = directory.appendingPathComponent("out").path
        let first = try PipelineRunner(config: config, options: RunOptions(outputDirectory: out, asOf: "2026-01-01", threads: 2)).run()
        let discovered = first.result.clusters.filter { $0.origin == .discovered }
        #expect(discovered.count == 2, "\(discovered.map { "\($0.id) \($0.size) \($0.phrases)" })")
        let parking = try #require(discovered.first { $0.phrases.contains { $0.contains("parking") } })
        let records = try String(contentsOfFile: out + "/records.jsonl", encoding: .utf8)
        #expect(records.split(separator: "\n").filter { $0.contains("\"cluster\":\"\(parking.id)\"") }.count == parking.size)
        #expect(parking.size == Self.parkingVaried.count)

        let second = try PipelineRunner(config: config, options: RunOptions(outputDirectory: out, asOf: "2026-01-02", threads: 1)).run()
        #expect(second.result.clusters.filter { $0.origin == .discovered }.map(\.id).sorted() == discovered.map(\.id).sorted())
        #expect(second.result.lineage.filter { discovered.map(\.id).contains($0.id) }.allSatisfy { $0.kind == .continued })
        #expect(first.result.lineage.isEmpty || first.result.lineage.allSatisfy { $0.kind == .new })
        let json = try String(contentsOfFile: out + "/report.json", encoding: .utf8)
        #expect(json.contains("\"kind\": \"continued\"") && json.contains("\"cluster_lineage\""))

        // The next night nobody mentions parking: the cluster is reported as vanished.
        rows = ["id,comment"]
        for (index, text) in (Self.swimmingVaried + Self.vague + Self.many(Self.background)).enumerated() {
            rows.append("c\(index),\"\(text)\"")
        }
        try TestSupport.write(rows.joined(separator: "\n") + "\n", to: directory.appendingPathComponent("feedback.csv"))
        let third = try PipelineRunner(config: config, options: RunOptions(outputDirectory: out, asOf: "2026-01-03")).run()
        #expect(third.result.lineage.contains { $0.kind == .vanished && $0.id == parking.id })
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("`\(parking.id)` \(parking.label): vanished"), "\(report)")
    }
}

@Suite("Cluster agreement figures")
struct ClusterAgreementTests {
    @Test("perfect agreement is 1 on every figure, whatever the cluster names")
    func perfect() {
        let agreement = ClusterAgreement(predicted: ["a", "a", "b", "b", "c"], gold: ["x", "x", "y", "y", "z"])
        #expect(abs(agreement.nmi - 1) < 1e-9)
        #expect(abs(agreement.ari - 1) < 1e-9)
        #expect(agreement.purity == 1)
    }

    @Test("a worked example: purity, ARI and NMI as computed by hand")
    func workedExample() {
        // Contingency: a = {x: 2}, b = {x: 1, y: 1}.
        let agreement = ClusterAgreement(predicted: ["a", "a", "b", "b"], gold: ["x", "x", "x", "y"])
        #expect(agreement.purity == 0.75)
        // index 1, expected 2·3/6 = 1, max (2+3)/2: ARI = 0.
        #expect(abs(agreement.ari) < 1e-9)
        // I = ½ln(4/3) + ¼ln(2/3) + ¼ln 2; H(C) = ln 2; H(G) = −¾ln¾ − ¼ln¼.
        let mutual = 0.5 * log(4.0 / 3) + 0.25 * log(2.0 / 3) + 0.25 * log(2.0)
        let hGold = -(0.75 * log(0.75) + 0.25 * log(0.25))
        #expect(abs(agreement.nmi - mutual / ((log(2.0) + hGold) / 2)) < 1e-9)
    }

    @Test("unclustered rows count as one more cluster: leaving complaints out costs purity")
    func unclusteredCounts() {
        let agreement = ClusterAgreement(predicted: ["a", "a", nil, nil], gold: ["x", "x", "y", "z"])
        #expect(agreement.clustered == 2)
        #expect(agreement.purity == 0.75)
        #expect(agreement.rowsByCluster.last?.cluster == ClusterAgreement.unclustered)
    }

    @Test("vox eval --clusters prints the figures and the cluster-by-category table for the labelled sample")
    func evalCommand() throws {
        let result = try TestSupport.runVox([
            "eval", TestSupport.repositoryRoot.appendingPathComponent("pipelines/eval/complaints-labelled.tsv").path,
            "--clusters", "--text", "text", "--gold", "category", "--by", "industry",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let output = result.stdout
        #expect(output.contains("industry=airline") && output.contains("industry=telecom"))
        #expect(output.contains("nmi") && output.contains("purity"))
        #expect(output.contains("Cluster by category, industry=telecom"))
        // A floor well under today's figures: the grouping must stay far better than chance.
        let all = try #require(output.split(separator: "\n").first { $0.hasPrefix("all ") })
        let fields = all.split(separator: " ")
        let nmi = try #require(Double(fields[fields.count - 3]))
        #expect(nmi > 0.25, "\(all)")
    }
}
