import Foundation
import VoxModel

/// A gold annotation from a labelled file: a numeric rating (its sign is the class) or one of
/// the three sentiment labels.
public enum GoldValue: Sendable, Hashable {
    case rating(Double)
    case label(SentimentLabel)

    /// Parses `-1.85`, `3`, `positive`, `Neutral`; nil for anything else (including empty text).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let label = SentimentLabel(rawValue: trimmed.lowercased()) {
            self = .label(label)
        } else if let number = Double(trimmed), number.isFinite {
            self = .rating(number)
        } else {
            return nil
        }
    }

    var isNumeric: Bool {
        if case .rating = self { return true }
        return false
    }
}
