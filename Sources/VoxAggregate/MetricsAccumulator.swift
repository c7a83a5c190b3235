import VoxModel

/// Running sums behind `RunMetrics`. Mergeable: two partial accumulators over disjoint records
/// add up to the accumulator over all of them, so chunks can be counted on any core.
///
/// Scores arrive rounded (compound to 1e-4, empathy to 0.1), so their sums are kept as exact
/// integers in those units: floating-point sums would depend on the order chunks merge in.
public struct MetricsAccumulator: Sendable, Hashable {
    public var volume = 0
    public var customerMessages = 0
    public var agentMessages = 0
    public var positive = 0
    public var neutral = 0
    public var negative = 0
    public var compoundSum = ExactSum()
    public var csatResponses = 0
    public var csatSatisfied = 0
    public var npsResponses = 0
    public var promoters = 0
    public var detractors = 0
    public var empathySum = ExactSum()
    public var empathyCount = 0

    public init() {}

    public mutating func add(_ scored: ScoredRecord) {
        volume += 1
        switch scored.record.role {
        case .customer:
            customerMessages += 1
            switch scored.sentiment.label {
            case .positive: positive += 1
            case .neutral: neutral += 1
            case .negative: negative += 1
            }
            compoundSum.add(scored.sentiment.compound)
        case .agent:
            agentMessages += 1
        case .system:
            break
        }
        if let empathy = scored.empathy {
            empathySum.add(empathy.score)
            empathyCount += 1
        }
        if let rating = scored.record.rating {
            switch rating.scale {
            case .csat, .stars:
                csatResponses += 1
                if rating.value >= 4 { csatSatisfied += 1 }
            case .nps:
                npsResponses += 1
                if rating.value >= 9 { promoters += 1 } else if rating.value <= 6 { detractors += 1 }
            }
        }
    }

    public mutating func merge(_ other: MetricsAccumulator) {
        volume += other.volume
        customerMessages += other.customerMessages
        agentMessages += other.agentMessages
        positive += other.positive
        neutral += other.neutral
        negative += other.negative
        compoundSum.merge(other.compoundSum)
        csatResponses += other.csatResponses
        csatSatisfied += other.csatSatisfied
        npsResponses += other.npsResponses
        promoters += other.promoters
        detractors += other.detractors
        empathySum.merge(other.empathySum)
        empathyCount += other.empathyCount
    }

    public func metrics(recoveryRate: Double? = nil) -> RunMetrics {
        RunMetrics(
            volume: volume, customerMessages: customerMessages, agentMessages: agentMessages,
            positive: positive, neutral: neutral, negative: negative,
            meanCompound: customerMessages == 0 ? nil : Figures.round(compoundSum.value / Double(customerMessages)),
            csat: csatResponses == 0 ? nil : Figures.round(Double(csatSatisfied) / Double(csatResponses)),
            csatResponses: csatResponses,
            nps: npsResponses == 0 ? nil : Figures.round(100 * Double(promoters - detractors) / Double(npsResponses)),
            npsResponses: npsResponses,
            meanEmpathy: empathyCount == 0 ? nil : Figures.round(empathySum.value / Double(empathyCount)),
            recoveryRate: recoveryRate
        )
    }
}

/// Rounding for published figures: four decimals, so that sums taken in a different order
/// (chunked across threads) print identically.
public enum Figures {
    public static func round(_ value: Double, places: Int = 4) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}

/// A sum of values with at most four decimals, kept exactly as an integer count of 1e-4 units,
/// so that it does not depend on the order values are added in.
public struct ExactSum: Sendable, Hashable {
    public private(set) var units: Int64 = 0

    public init() {}

    public mutating func add(_ value: Double) {
        units += Int64((value * 10_000).rounded())
    }

    public mutating func merge(_ other: ExactSum) {
        units += other.units
    }

    public var value: Double { Double(units) / 10_000 }
}
