import VoxModel

/// Empathy categories, anti-patterns and look-alikes numbered 0…11, so that the scorer compares
/// and counts them by index rather than by name: categories first in `EmpathyCategory.allCases`
/// order, then anti-patterns in `EmpathyAntiPattern.allCases` order, then `lookalike`.
enum CategorySlot {
    static let names: [String] = EmpathyCategory.allCases.map(\.rawValue) + EmpathyAntiPattern.allCases.map(\.rawValue)
        + [EmpathyLexicon.lookAlike]
    static var count: Int { names.count }
    static let firstAntiPattern = EmpathyCategory.allCases.count
    static let lookAlike = names.count - 1
    static let personalization = EmpathyCategory.allCases.firstIndex(of: .personalization)!
    /// `allCases` kept once: the synthesized property builds a new array at each use.
    static let categories = EmpathyCategory.allCases
    static let antiPatterns = EmpathyAntiPattern.allCases

    /// Per slot, the rank of its name in alphabetical order: evidence is listed by start, end
    /// and then category name, and comparing ranks gives that order without comparing strings.
    static let nameOrder: [Int] = {
        let sorted = names.indices.sorted { names[$0] < names[$1] }
        var rank = [Int](repeating: 0, count: names.count)
        for (position, slot) in sorted.enumerated() { rank[slot] = position }
        return rank
    }()

    static func of(_ name: String) -> Int? { names.firstIndex(of: name) }

    static func isAntiPattern(_ slot: Int) -> Bool { slot >= firstAntiPattern && slot < lookAlike }
}
