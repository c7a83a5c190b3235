/// The constants of the sentiment rules, in one place (docs/ARCHITECTURE.md, "Formulas").
enum SentimentRules {
    /// Normalisation constant from the VADER paper: compound = s / √(s² + α), α = 15.
    static let alpha = 15.0
    /// Added to a word's magnitude when it is written in capitals inside mixed-case text.
    static let capsIncrement = 0.733
    /// Added to a word's magnitude when a letter is stretched ("soooo good").
    static let elongationIncrement = 0.3
    /// A negated valence is flipped and damped by this factor; "least" does the same.
    static let negationScalar = -0.74
    /// A negated negative word is flipped and damped more: "not terrible" is far from "great",
    /// "didn't break" is faint praise. Calibrated on the development set (−0.74 to −0.3 tried).
    static let negatedNegativeScalar = -0.6
    /// A valued negator ("no") before words without sentiment stands for an absence ("no reply"):
    /// its valence times this.
    static let absenceScalar = 0.6
    /// How far back (in words, within the clause) negators and boosters reach.
    static let scope = 3
    /// Booster effect decays with distance from the word it modifies: 1, 2 or 3 words back.
    static let boosterDecay = [1.0, 0.95, 0.9]
    /// Per `!` (at most four), added in the direction of its sentence's sentiment.
    static let exclamationIncrement = 0.292
    static let exclamationLimit = 4
    /// Weights around a contrastive conjunction: the clause that counts more and the one that counts less.
    static let contrastStronger = 1.5
    static let contrastWeaker = 0.5
    /// In a bare question or request, positive items up to this valence (politeness: "please",
    /// "help", "thanks") count 0; stronger ones ("do you believe in happy endings?") stay.
    static let questionMildLimit = 2.0
    /// How far (in words) the sarcasm rules look for the complaint that turns praise around.
    static let sarcasmReach = 5
}
