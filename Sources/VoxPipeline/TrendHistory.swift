import Foundation
import Logging
import VoxModel
import VoxReport

/// Earlier runs' trend snapshots: the history directory's `trend-YYYY-MM-DD.json` files and the
/// output directory's last `trend.json`. They drive "change since" columns and trend charts.
struct TrendHistory {
    var directory: String?
    var outputDirectory: String
    /// Snapshots of another pipeline (a shared history directory) are skipped with a warning.
    var pipeline: String
    var logger: Logger

    /// Snapshots dated strictly before `asOf`, oldest first, one per date. A file that cannot
    /// be read is skipped with a warning: a damaged history must not stop tonight's run.
    func snapshots(before asOf: String) -> [TrendSnapshot] {
        var paths: [String] = []
        if let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            paths += names.filter { $0.hasPrefix("trend-") && $0.hasSuffix(".json") }.sorted().map { directory + "/" + $0 }
        }
        paths.append(outputDirectory + "/trend.json")
        var byDate: [String: TrendSnapshot] = [:]
        for path in paths where FileManager.default.fileExists(atPath: path) {
            do {
                let snapshot = try TrendFileLoader.load(path)
                guard snapshot.pipeline == pipeline else {
                    logger.warning("skipping trend file of another pipeline", metadata: [
                        "file": "\(path)", "pipeline": "\(snapshot.pipeline)", "expected": "\(pipeline)",
                    ])
                    continue
                }
                if snapshot.asOf < asOf { byDate[snapshot.asOf] = snapshot }
            } catch {
                logger.warning("skipping unreadable trend file", metadata: ["file": "\(path)", "error": "\(error)"])
            }
        }
        return byDate.keys.sorted().map { byDate[$0]! }
    }
}
