import VoxModel
import VoxText

/// Gives discovered clusters ids that last from night to night, and records their lineage.
///
/// A discovered cluster descends from a previous discovered cluster when their defining phrases
/// overlap: shared phrase keys (stems, so "refunds" meets "refund") over the smaller set are at
/// least `overlap`. It takes the id of the closest predecessor not already taken; otherwise it
/// gets a new id, a slug of its label made unique. Taxonomy clusters keep their aspect ids.
public struct ClusterIdentity: Sendable {
    public static let overlap = 0.5

    public let extractor: PhraseExtractor

    public init(extractor: PhraseExtractor) {
        self.extractor = extractor
    }

    /// One discovered cluster as identity sees it.
    public struct Named: Sendable, Hashable {
        public var id: String
        public var lineage: ClusterLineage
    }

    /// - Parameters:
    ///   - clusters: label and defining phrases of each discovered cluster, biggest first.
    ///   - reserved: ids already in use (the taxonomy's).
    ///   - previous: the previous run's trend snapshot.
    public func name(_ clusters: [(label: String, phrases: [String])], reserved: Set<String>, previous: TrendSnapshot?) -> [Named] {
        let earlier = (previous?.clusters ?? [:]).filter { !reserved.contains($0.key) }
            .sorted { $0.key < $1.key }
        let earlierKeys = earlier.map { keys($0.value.phrases) }
        let currentKeys = clusters.map { keys($0.phrases) }
        var links = [[Double]](repeating: [Double](repeating: 0, count: earlier.count), count: clusters.count)
        var successors = [Int](repeating: 0, count: earlier.count)
        for current in clusters.indices {
            for old in earlier.indices {
                let value = Self.overlap(currentKeys[current], earlierKeys[old])
                if value >= Self.overlap {
                    links[current][old] = value
                    successors[old] += 1
                }
            }
        }
        // Ids of previous clusters stay reserved: a vanished cluster's id is not reused for
        // an unrelated one.
        var taken = reserved.union(earlier.map(\.key))
        var claimed: Set<Int> = []
        var named: [Named] = []
        for (index, cluster) in clusters.enumerated() {
            let predecessors = earlier.indices.filter { links[index][$0] > 0 }
            let closest = predecessors.filter { !claimed.contains($0) }.max { a, b in
                if links[index][a] != links[index][b] { return links[index][a] < links[index][b] }
                if earlier[a].value.volume != earlier[b].value.volume { return earlier[a].value.volume < earlier[b].value.volume }
                return earlier[a].key > earlier[b].key
            }
            let previousIDs = predecessors.map { earlier[$0].key }
            let kind: ClusterLineage.Kind
            let id: String
            if let closest {
                claimed.insert(closest)
                id = earlier[closest].key
                kind = predecessors.count > 1 ? .merged : successors[closest] > 1 ? .split : .continued
            } else {
                id = Self.uniqueSlug(cluster.label, taken: taken)
                taken.insert(id)
                kind = predecessors.isEmpty ? .new : .split
            }
            named.append(Named(id: id, lineage: ClusterLineage(kind: kind, id: id, label: cluster.label, previous: previousIDs)))
        }
        return named
    }

    /// The lineage of every cluster of this run and of every previous cluster that vanished.
    /// Taxonomy clusters are `continued` when the previous run had them and `new` otherwise.
    public static func lineage(current: [PainPointCluster], discovered: [String: ClusterLineage], previous: TrendSnapshot?) -> [ClusterLineage] {
        let earlier = previous?.clusters ?? [:]
        var descended: Set<String> = []
        var events: [ClusterLineage] = []
        for cluster in current {
            if let event = discovered[cluster.id] {
                events.append(event)
                descended.formUnion(event.previous)
            } else {
                let known = earlier[cluster.id] != nil
                events.append(ClusterLineage(kind: known ? .continued : .new, id: cluster.id, label: cluster.label, previous: known ? [cluster.id] : []))
                if known { descended.insert(cluster.id) }
            }
        }
        for (id, old) in earlier.sorted(by: { $0.key < $1.key }) where !descended.contains(id) {
            events.append(ClusterLineage(kind: .vanished, id: id, label: old.label, previous: []))
        }
        return events
    }

    func keys(_ phrases: [String]) -> Set<String> {
        Set(phrases.map { phrase in extractor.words(phrase).map(\.stem).joined(separator: " ") }.filter { !$0.isEmpty })
    }

    static func overlap(_ a: Set<String>, _ b: Set<String>) -> Double {
        let smaller = min(a.count, b.count)
        return smaller == 0 ? 0 : Double(a.intersection(b).count) / Double(smaller)
    }

    /// "Legroom and seats" → `legroom-and-seats`; `-2`, `-3`… when taken.
    static func uniqueSlug(_ label: String, taken: Set<String>) -> String {
        var slug = ""
        for scalar in label.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        slug = String(slug.prefix(48))
        if slug.isEmpty { slug = "discovered" }
        var candidate = slug
        var number = 2
        while taken.contains(candidate) {
            candidate = "\(slug)-\(number)"
            number += 1
        }
        return candidate
    }
}
