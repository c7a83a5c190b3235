import Foundation
import VoxModel

/// `trend.json`: the compact snapshot product teams commit to git. Keys are sorted and every
/// figure sits on its own line, so that `git diff` of two nights shows only what moved.
public enum TrendFile {
    /// Decimals kept per kind of figure, so that a rerun or a change below what a person would
    /// notice never shows up in a diff. Counts are integers.
    public enum Precision {
        /// Shares (cluster share, negative share, CSAT, recovery rate), as fractions: 0.0001 is 0.01 pp.
        public static let share = 4
        /// Mean compound sentiment (−1…1).
        public static let sentiment = 4
        /// Severity (complaints × negativity).
        public static let severity = 2
        /// NPS (−100…100) and mean empathy (0…100).
        public static let score = 1
    }

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
                    "share": rounded(cluster.share, Precision.share),
                    "mean_sentiment": rounded(cluster.meanSentiment, Precision.sentiment),
                    "severity": rounded(cluster.severity, Precision.severity),
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
            "positive": .int(figures.positive),
            "neutral": .int(figures.neutral),
            "negative": .int(figures.negative),
            "negative_share": rounded(figures.negativeShare, Precision.share),
            "mean_compound": rounded(figures.meanCompound, Precision.sentiment),
            "csat": rounded(figures.csat, Precision.share),
            "nps": rounded(figures.nps, Precision.score),
            "mean_empathy": rounded(figures.meanEmpathy, Precision.score),
            "recovery_rate": rounded(figures.recoveryRate, Precision.share),
        ])
    }

    static func rounded(_ value: Double?, _ places: Int) -> JSONValue {
        .number(value.map { round($0, places) })
    }

    /// `value` rounded half away from zero to `places` decimals.
    static func round(_ value: Double, _ places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// A trend file that cannot be used: which file, which key (a dotted path), what is wrong.
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
            throw DecodeError(path: path, message: "not valid JSON (\(error.localizedDescription)); is this a trend.json written by vox run?")
        }
        guard let root = object as? [String: Any] else { throw DecodeError(path: path, message: "expected a JSON object at the top level") }
        let reader = Reader(path: path)
        let version = try reader.count("schema_version", in: root, at: "")
        guard version <= TrendSnapshot.currentSchemaVersion else {
            throw DecodeError(path: path, message: "schema_version \(version) is newer than this vox understands (\(TrendSnapshot.currentSchemaVersion)); upgrade vox")
        }
        let totals = try reader.figures(try reader.object("totals", in: root, at: ""), at: "totals.")
        var clusters: [String: ClusterTrend] = [:]
        for (id, value) in try reader.optionalObject("clusters", in: root, at: "") {
            let at = "clusters.\(id)."
            guard let cluster = value as? [String: Any] else { throw DecodeError(path: path, message: "clusters.\(id): expected an object") }
            let volume = try reader.count("volume", in: cluster, at: at)
            guard volume <= totals.negative else {
                throw DecodeError(path: path, message: "\(at)volume: \(volume) is more than totals.negative (\(totals.negative)); a cluster counts negative messages only")
            }
            clusters[id] = ClusterTrend(
                label: try reader.string("label", in: cluster, at: at), volume: volume,
                share: try reader.number("share", in: cluster, at: at, range: 0...1),
                meanSentiment: try reader.number("mean_sentiment", in: cluster, at: at, range: -1...1),
                severity: try reader.number("severity", in: cluster, at: at, range: 0...Double.greatestFiniteMagnitude),
                phrases: (cluster["phrases"] as? [String]) ?? []
            )
        }
        var segments: [String: [String: TrendFigures]] = [:]
        for (name, value) in try reader.optionalObject("segments", in: root, at: "") {
            guard let values = value as? [String: Any] else { throw DecodeError(path: path, message: "segments.\(name): expected an object") }
            for (segmentValue, figures) in values {
                guard let figures = figures as? [String: Any] else {
                    throw DecodeError(path: path, message: "segments.\(name).\(segmentValue): expected an object")
                }
                segments[name, default: [:]][segmentValue] = try reader.figures(figures, at: "segments.\(name).\(segmentValue).")
            }
        }
        return TrendSnapshot(
            schemaVersion: version, pipeline: try reader.string("pipeline", in: root, at: ""), asOf: try reader.date("as_of", in: root, at: ""),
            totals: totals, clusters: clusters, segments: segments
        )
    }

    /// Typed access to a parsed trend file; every error names the key path.
    struct Reader {
        var path: String

        func fail(_ at: String, _ key: String, _ message: String) -> DecodeError {
            DecodeError(path: path, message: "\(at)\(key): \(message)")
        }

        func value(_ key: String, in object: [String: Any], at: String) throws -> Any {
            guard let value = object[key] else { throw fail(at, key, "missing") }
            return value
        }

        func object(_ key: String, in object: [String: Any], at: String) throws -> [String: Any] {
            guard let value = try value(key, in: object, at: at) as? [String: Any] else { throw fail(at, key, "expected an object") }
            return value
        }

        func optionalObject(_ key: String, in object: [String: Any], at: String) throws -> [String: Any] {
            guard object[key] != nil else { return [:] }
            return try self.object(key, in: object, at: at)
        }

        func string(_ key: String, in object: [String: Any], at: String) throws -> String {
            guard let value = try value(key, in: object, at: at) as? String else { throw fail(at, key, "expected a string") }
            return value
        }

        func date(_ key: String, in object: [String: Any], at: String) throws -> String {
            let value = try string(key, in: object, at: at)
            guard value.count == 10, ISOTime.dayNumber(value) != nil else { throw fail(at, key, "expected a date YYYY-MM-DD, got `\(value)`") }
            return value
        }

        func count(_ key: String, in object: [String: Any], at: String) throws -> Int {
            let raw = try value(key, in: object, at: at)
            guard !ParsedJSON.isBoolean(raw), let number = raw as? NSNumber, let value = Int(exactly: number.doubleValue), value >= 0 else {
                throw fail(at, key, "expected a whole number ≥ 0, got \(ParsedJSON.describe(raw))")
            }
            return value
        }

        func number(_ key: String, in object: [String: Any], at: String, range: ClosedRange<Double>) throws -> Double {
            guard let value = try optionalNumber(key, in: object, at: at, range: range) else { throw fail(at, key, "expected a number, got null") }
            return value
        }

        func optionalNumber(_ key: String, in object: [String: Any], at: String, range: ClosedRange<Double>) throws -> Double? {
            guard let raw = object[key], !(raw is NSNull) else { return nil }
            guard !ParsedJSON.isBoolean(raw), let number = raw as? NSNumber else { throw fail(at, key, "expected a number, got \(ParsedJSON.describe(raw))") }
            let value = number.doubleValue
            guard range.contains(value) else {
                throw fail(at, key, "\(value) is outside \(NumberFormat.axis(range.lowerBound))…\(range.upperBound == .greatestFiniteMagnitude ? "" : NumberFormat.axis(range.upperBound))")
            }
            return value
        }

        func figures(_ object: [String: Any], at: String) throws -> TrendFigures {
            let customers = try count("customer_messages", in: object, at: at)
            let positive = try count("positive", in: object, at: at)
            let neutral = try count("neutral", in: object, at: at)
            let negative = try count("negative", in: object, at: at)
            guard positive + neutral + negative == customers else {
                throw DecodeError(path: path, message: "\(at)positive + neutral + negative (\(positive + neutral + negative)) must equal customer_messages (\(customers))")
            }
            return TrendFigures(
                volume: try count("volume", in: object, at: at), customerMessages: customers,
                positive: positive, neutral: neutral, negative: negative,
                negativeShare: try optionalNumber("negative_share", in: object, at: at, range: 0...1),
                meanCompound: try optionalNumber("mean_compound", in: object, at: at, range: -1...1),
                csat: try optionalNumber("csat", in: object, at: at, range: 0...1),
                nps: try optionalNumber("nps", in: object, at: at, range: -100...100),
                meanEmpathy: try optionalNumber("mean_empathy", in: object, at: at, range: 0...100),
                recoveryRate: try optionalNumber("recovery_rate", in: object, at: at, range: 0...1)
            )
        }
    }
}
