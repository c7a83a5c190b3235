import Foundation
import VoxModel

/// `trend.json`: the compact snapshot product teams commit to git. Keys are sorted and every
/// figure sits on its own line, so that `git diff` of two nights shows only what moved.
public enum TrendFile {
    public static func encode(_ snapshot: TrendSnapshot) -> String {
        JSONValue.sortedObject([
            "schema_version": .int(snapshot.schemaVersion),
            "pipeline": .string(snapshot.pipeline),
            "as_of": .string(snapshot.asOf),
            "totals": figures(snapshot.totals),
            "clusters": .sortedObject(snapshot.clusters.mapValues { cluster in
                .sortedObject([
                    "label": .string(cluster.label),
                    "volume": .int(cluster.volume),
                    "share": .double(cluster.share),
                    "mean_sentiment": .double(cluster.meanSentiment),
                    "severity": .double(cluster.severity),
                    "phrases": .array(cluster.phrases.map { .string($0) }),
                ])
            }),
            "segments": .sortedObject(snapshot.segments.mapValues { values in
                .sortedObject(values.mapValues(figures))
            }),
        ]).pretty()
    }

    static func figures(_ figures: TrendFigures) -> JSONValue {
        .sortedObject([
            "volume": .int(figures.volume),
            "customer_messages": .int(figures.customerMessages),
            "negative": .int(figures.negative),
            "negative_share": .number(figures.negativeShare),
            "mean_compound": .number(figures.meanCompound),
            "csat": .number(figures.csat),
            "nps": .number(figures.nps),
            "mean_empathy": .number(figures.meanEmpathy),
            "recovery_rate": .number(figures.recoveryRate),
        ])
    }

    public struct DecodeError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    public static func decode(_ data: Data, path: String) throws -> TrendSnapshot {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw DecodeError(path: path, message: "not valid JSON (\(error.localizedDescription))")
        }
        guard let root = object as? [String: Any] else { throw DecodeError(path: path, message: "expected a JSON object") }
        func require<T>(_ key: String, in object: [String: Any], at where_: String) throws -> T {
            guard let value = object[key] as? T else {
                throw DecodeError(path: path, message: "\(where_)\(key): missing or of the wrong type")
            }
            return value
        }
        let version: Int = try require("schema_version", in: root, at: "")
        guard version <= TrendSnapshot.currentSchemaVersion else {
            throw DecodeError(path: path, message: "schema_version \(version) is newer than this vox understands (\(TrendSnapshot.currentSchemaVersion))")
        }
        func decodeFigures(_ object: [String: Any], at where_: String) throws -> TrendFigures {
            TrendFigures(
                volume: try require("volume", in: object, at: where_),
                customerMessages: (object["customer_messages"] as? Int) ?? 0,
                negative: (object["negative"] as? Int) ?? 0,
                negativeShare: object["negative_share"] as? Double,
                meanCompound: object["mean_compound"] as? Double,
                csat: object["csat"] as? Double, nps: object["nps"] as? Double,
                meanEmpathy: object["mean_empathy"] as? Double, recoveryRate: object["recovery_rate"] as? Double
            )
        }
        let totals = try decodeFigures(try require("totals", in: root, at: ""), at: "totals.")
        var clusters: [String: ClusterTrend] = [:]
        for (id, value) in (root["clusters"] as? [String: Any]) ?? [:] {
            guard let cluster = value as? [String: Any] else { throw DecodeError(path: path, message: "clusters.\(id): expected an object") }
            let at = "clusters.\(id)."
            clusters[id] = ClusterTrend(
                label: try require("label", in: cluster, at: at), volume: try require("volume", in: cluster, at: at),
                share: try require("share", in: cluster, at: at), meanSentiment: try require("mean_sentiment", in: cluster, at: at),
                severity: try require("severity", in: cluster, at: at), phrases: (cluster["phrases"] as? [String]) ?? []
            )
        }
        var segments: [String: [String: TrendFigures]] = [:]
        for (name, value) in (root["segments"] as? [String: Any]) ?? [:] {
            for (segmentValue, figures) in (value as? [String: Any]) ?? [:] {
                guard let figures = figures as? [String: Any] else { continue }
                segments[name, default: [:]][segmentValue] = try decodeFigures(figures, at: "segments.\(name).\(segmentValue).")
            }
        }
        return TrendSnapshot(
            schemaVersion: version, pipeline: try require("pipeline", in: root, at: ""), asOf: try require("as_of", in: root, at: ""),
            totals: totals, clusters: clusters, segments: segments
        )
    }
}
