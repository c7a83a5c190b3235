import ArgumentParser
import Foundation
import VoxAggregate
import VoxModel
import VoxPipeline
import VoxReport

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two runs: new, vanished and significantly moved pain points, sentiment shifts.",
        discussion: """
            OLD and NEW are trend files (trend.json, or trend-YYYY-MM-DD.json from the history
            directory) or output directories of vox run. Shares are compared with a
            two-proportion z-test; changes whose p-value is not below --alpha are reported as
            "not significant".

            Exit codes: 0 done; 1 a trend file is unusable; 2 bad command line or a path that
            does not exist; 5 --fail-on-rise was given and a pain point's share rose
            significantly by more than that many percentage points.

            Examples:
              vox diff history/trend-2026-01-01.json out/demo/trend.json
              vox diff out/yesterday out/today --format json
              vox diff old.json new.json --alpha 0.01 --fail-on-rise 5
            """
    )

    @Argument(help: "The older run: a trend file or an output directory.")
    var old: String

    @Argument(help: "The newer run: a trend file or an output directory.")
    var new: String

    @Option(help: "Significance level: a change counts when its p-value is below this.")
    var alpha: Double = TrendComparison.defaultAlpha

    @Option(help: "Output: markdown or json.")
    var format: DiffFormat = .markdown

    @Option(name: .customLong("fail-on-rise"), help: ArgumentHelp("Exit 5 when a pain point's share of negative feedback rose significantly by more than PCT percentage points.", valueName: "PCT"))
    var failOnRise: Double?

    func validate() throws {
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1 (exclusive), got \(alpha)") }
        if let failOnRise, failOnRise < 0 || failOnRise > 100 {
            throw ValidationError("--fail-on-rise is in percentage points, 0 to 100, got \(failOnRise)")
        }
    }

    func run() throws {
        let snapshots: [TrendSnapshot]
        do {
            snapshots = try [old, new].map(TrendFileLoader.load)
        } catch let error as TrendFileLoader.LoadError {
            printError("vox diff: \(error)")
            throw error.kind == .notFound ? ExitStatus.usage : ExitStatus.runFailed
        }
        let diff = TrendComparison.compare(old: snapshots[0], new: snapshots[1], alpha: alpha)
        let report = DiffReport(diff: diff)
        print(format == .json ? report.json() : report.markdown(), terminator: "")
        if diff.oldAsOf > diff.newAsOf {
            printError("vox diff: warning: OLD (\(diff.oldAsOf)) is dated after NEW (\(diff.newAsOf)); did you swap them?")
        }
        if let failOnRise {
            let alarms = Self.rises(in: diff, above: failOnRise)
            if !alarms.isEmpty {
                for change in alarms {
                    printError("vox diff: “\(change.label)” (\(change.id)) rose from \(NumberFormat.percent(change.share.oldShare)) to \(NumberFormat.percent(change.share.newShare)) of negative feedback (\(NumberFormat.points(change.share.change ?? 0)), p \(NumberFormat.pValueRelation(change.share.pValue))), more than --fail-on-rise \(NumberFormat.axis(failOnRise)) pp")
                }
                throw ExitStatus.significantRise
            }
        }
    }

    /// Pain points (new ones included) whose share rose significantly by more than `points` pp.
    static func rises(in diff: TrendDiff, above points: Double) -> [ClusterChange] {
        diff.clusters.filter { change in
            change.share.significantRise && (change.share.change ?? 0) * 100 > points
        }
    }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown
    case json
}
