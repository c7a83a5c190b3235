import Foundation
import Testing
import VoxModel
@testable import VoxAggregate
@testable import VoxReport
@testable import VoxPipeline

/// `vox diff` on two hand-made trend files (Fixtures/trends/old.json → new.json) whose
/// significant and non-significant changes were worked out by hand:
///
///     pooled p̂ = (x₁ + x₂) / (n₁ + n₂),  z = (x₂/n₂ − x₁/n₁) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)),  p = erfc(|z|/√2)
///
/// - negative share 200/800 → 240/800: p̂ = 0.275, se = √(0.275·0.725·0.0025) = 0.022326,
///   z = 0.05 / 0.022326 = 2.2396, p = 0.02512 → significant at 0.05.
/// - refunds 20/200 → 60/240: p̂ = 80/440 = 0.181818, se = √(0.181818·0.818182·(1/200 + 1/240))
///   = 0.036927, z = 0.15 / 0.036927 = 4.0620, p = 4.865e-5 → significant rise of 15 pp.
/// - delivery 60/200 → 66/240: p̂ = 0.286364, se = 0.043283, z = −0.025 / 0.043283 = −0.5776,
///   p = 0.5635 → not significant.
/// - billing 30/200 → 15/240: p̂ = 0.102273, se = 0.029011, z = −0.0875 / 0.029011 = −3.0161,
///   p = 0.002560 → significant fall.
/// - app-crash 0/200 → 12/240 (new): p̂ = 0.027273, se = 0.015594, z = 3.2063, p = 0.001345.
/// - packaging 10/200 → 0/240 (vanished): z = −3.5042, p = 0.000458.
/// - region EU negative 100/400 → 140/400: z = 3.0861, p = 0.002028; UK 100/400 → 100/400: z = 0, p = 1.
@Suite("Trend diffs")
struct TrendDiffTests {
    static let oldPath = TestSupport.fixture("trends/old.json")
    static let newPath = TestSupport.fixture("trends/new.json")

    static func diff(alpha: Double = 0.05) throws -> TrendDiff {
        TrendComparison.compare(old: try TrendFileLoader.load(oldPath), new: try TrendFileLoader.load(newPath), alpha: alpha)
    }

    @Test("z and p match the hand computation; statuses follow significance")
    func handComputed() throws {
        let diff = try Self.diff()
        #expect(diff.negativeShare.z == 2.2396)
        #expect(abs(diff.negativeShare.pValue! - 0.02512) < 0.00001)
        #expect(diff.negativeShare.significantRise)
        let byID = Dictionary(uniqueKeysWithValues: diff.clusters.map { ($0.id, $0) })
        let refunds = try #require(byID["refunds"])
        #expect(refunds.status == .rose)
        #expect(refunds.share.z == 4.062)
        #expect(abs(refunds.share.pValue! - 4.865e-5) < 1e-8)
        #expect(abs(refunds.share.change! - 0.15) < 1e-12)
        let delivery = try #require(byID["delivery"])
        #expect(delivery.status == .steady)
        #expect(delivery.share.z == -0.5776)
        #expect(abs(delivery.share.pValue! - 0.5635) < 0.0001)
        #expect(!delivery.share.significant)
        let billing = try #require(byID["billing"])
        #expect(billing.status == .fell)
        #expect(billing.share.z == -3.0161)
        #expect(abs(billing.share.pValue! - 0.00256) < 0.000001)
        #expect(byID["app-crash"]?.status == .new)
        #expect(byID["app-crash"]?.share.z == 3.2063)
        #expect(byID["packaging"]?.status == .vanished)
        #expect(byID["packaging"]?.share.z == -3.5042)
        // Order: new, vanished, rose, fell, steady.
        #expect(diff.clusters.map(\.id) == ["app-crash", "packaging", "refunds", "billing", "delivery"])
        let eu = try #require(diff.segments.first { $0.value == "EU" })
        #expect(eu.negativeShare.z == 3.0861)
        #expect(eu.negativeShare.significantRise)
        let uk = try #require(diff.segments.first { $0.value == "UK" })
        #expect(uk.negativeShare.z == 0 && uk.negativeShare.pValue == 1 && !uk.negativeShare.significant)
        #expect(diff.segmentsOnlyInNew == ["region = APAC"])
    }

    @Test("a stricter alpha turns a borderline change into noise")
    func alpha() throws {
        // p = 0.0251 for the negative share: significant at 0.05, not at 0.01.
        #expect(try Self.diff(alpha: 0.05).negativeShare.significant)
        #expect(try !Self.diff(alpha: 0.01).negativeShare.significant)
        #expect(try Self.diff(alpha: 0.01).cluster("billing")?.status == .fell) // p = 0.0026 < 0.01
    }

    @Test("the test handles empty and saturated sides without dividing by zero")
    func edges() {
        let empty = TwoProportionTest.compare(old: (0, 0), new: (3, 10), alpha: 0.05)
        #expect(empty.z == nil && empty.pValue == nil && !empty.significant)
        let same = TwoProportionTest.compare(old: (0, 10), new: (0, 20), alpha: 0.05)
        #expect(same.z == 0 && same.pValue == 1)
        let all = TwoProportionTest.compare(old: (10, 10), new: (20, 20), alpha: 0.05)
        #expect(all.z == 0 && all.pValue == 1)
    }

    @Test("Markdown shows counts, z, p and says 'not significant' for noise")
    func markdown() throws {
        let text = DiffReport(diff: try Self.diff()).markdown()
        #expect(text.hasPrefix("# Vox diff: nightly\n"))
        #expect(text.contains("| Negative share | 200 of 800 (25.0%) | 240 of 800 (30.0%) | +5.0 pp | 2.24 | 0.0251 | **significant rise** |"))
        #expect(text.contains("| Refund not received (`refunds`) | 20 of 200 (10.0%) | 60 of 240 (25.0%) | +15.0 pp | 4.06 | \\< 0.0001 | **significant rise** |"))
        #expect(text.contains("| Late delivery (`delivery`) | 60 of 200 (30.0%) | 66 of 240 (27.5%) | -2.5 pp | -0.58 | 0.5635 | not significant |"))
        #expect(text.contains("| Billing errors (`billing`) | 30 of 200 (15.0%) | 15 of 240 (6.3%) | -8.8 pp | -3.02 | 0.0026 | **significant fall** |"))
        #expect(text.contains("## New clusters\n\n| Pain point (share of negative feedback) |"))
        #expect(text.contains("App crashes (`app-crash`)"))
        #expect(text.contains("Damaged packaging (`packaging`)"))
        #expect(text.contains("| region = UK | 100 of 400 (25.0%) | 100 of 400 (25.0%) | ±0.0 pp | ±0.000 | 0.00 | 1.0000 | not significant |"))
        #expect(text.contains("Only in 2026-01-02: region = APAC."))
    }

    @Test("JSON carries every count, z, p and verdict")
    func json() throws {
        let data = Data(DiffReport(diff: try Self.diff()).json().utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((root["old"] as? [String: Any])?["as_of"] as? String == "2026-01-01")
        let clusters = try #require(root["clusters"] as? [[String: Any]])
        let refunds = try #require(clusters.first { $0["id"] as? String == "refunds" })
        #expect(refunds["status"] as? String == "rose")
        let share = try #require(refunds["share"] as? [String: Any])
        #expect(share["old_count"] as? Int == 20 && share["new_total"] as? Int == 240)
        #expect(share["z"] as? Double == 4.062)
        #expect(share["significant"] as? Bool == true)
        #expect((root["negative_share"] as? [String: Any])?["p_value"] as? Double == 0.02512)
    }

    @Test("the binary: markdown by default, --format json, --fail-on-rise exits 5 only above the limit")
    func binary() throws {
        let plain = try TestSupport.runVox(["diff", Self.oldPath, Self.newPath])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("## Significant changes"))
        let json = try TestSupport.runVox(["diff", Self.oldPath, Self.newPath, "--format", "json"])
        #expect(json.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
        // Refunds rose 15 pp (significant), app-crash 5 pp (new, significant): a 10 pp limit trips on refunds only.
        let alarm = try TestSupport.runVox(["diff", Self.oldPath, Self.newPath, "--fail-on-rise", "10"])
        #expect(alarm.status == 5)
        #expect(alarm.stderr.contains("“Refund not received” (refunds) rose from 10.0% to 25.0%"))
        #expect(!alarm.stderr.contains("app-crash"))
        #expect(try TestSupport.runVox(["diff", Self.oldPath, Self.newPath, "--fail-on-rise", "20"]).status == 0)
        // At α = 0.00001 not even refunds (p = 4.9e-5) is significant.
        #expect(try TestSupport.runVox(["diff", Self.oldPath, Self.newPath, "--fail-on-rise", "1", "--alpha", "0.00001"]).status == 0)
    }

    @Test("output directories work as arguments; missing paths exit 2, unusable files exit 1 with the key path")
    func arguments() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(atPath: Self.newPath, toPath: directory.appendingPathComponent("trend.json").path)
        #expect(try TestSupport.runVox(["diff", Self.oldPath, directory.path]).status == 0)
        let missing = try TestSupport.runVox(["diff", Self.oldPath, "/nonexistent/trend.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/trend.json: no such file or directory"))
        let empty = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let noTrend = try TestSupport.runVox(["diff", Self.oldPath, empty.path])
        #expect(noTrend.status == 2)
        #expect(noTrend.stderr.contains("the directory has no trend.json"))
        let bad = try TestSupport.runVox(["diff", Self.oldPath, TestSupport.fixture("trends/bad/cluster-over-negatives.json")])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("cluster-over-negatives.json: clusters.refunds.volume: 4 is more than totals.negative (3)"))
        #expect(try TestSupport.runVox(["diff", Self.oldPath, Self.newPath, "--alpha", "1.5"]).status == 2)
        #expect(try TestSupport.runVox(["diff", Self.oldPath, Self.newPath, "--format", "xml"]).status == 2)
    }

    @Test("bad trend files are refused with the file, the key path and what is wrong", arguments: [
        ("string-share.json", "totals.negative_share: expected a number, got \"0.6\""),
        ("cluster-over-negatives.json", "clusters.refunds.volume: 4 is more than totals.negative (3)"),
        ("truncated.json", "not valid JSON"),
        ("boolean-count.json", "segments.region.EU.positive: expected a whole number ≥ 0, got true"),
        ("bad-date.json", "as_of: expected a date YYYY-MM-DD, got `2 January`"),
    ])
    func badFiles(name: String, message: String) throws {
        let path = TestSupport.fixture("trends/bad/\(name)")
        #expect {
            _ = try TrendFileLoader.load(path)
        } throws: { error in
            "\(error)".hasPrefix(path + ": ") && "\(error)".contains(message)
        }
    }
}
