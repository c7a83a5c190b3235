import Foundation
import VoxModel

/// The pooled two-proportion z-test: did a share (x of n) really move between two runs, or is
/// the difference what chance alone would give?
///
///     p̂ = (x₁ + x₂) / (n₁ + n₂)
///     z = (x₂/n₂ − x₁/n₁) / √(p̂ (1 − p̂) (1/n₁ + 1/n₂))
///     p = erfc(|z| / √2)            (two-sided, standard normal)
///
/// The normal approximation is rough for very small counts; reports show the counts next to
/// the p-value so a reader can judge. z is rounded to 4 decimals and p to 4 significant digits,
/// so that the last bits of `erfc` (which differ between C libraries) never reach an output.
public enum TwoProportionTest {
    public static func compare(old: (count: Int, total: Int), new: (count: Int, total: Int), alpha: Double) -> ShareChange {
        var z: Double?
        var p: Double?
        if old.total > 0, new.total > 0 {
            let n1 = Double(old.total), n2 = Double(new.total)
            let pooled = Double(old.count + new.count) / (n1 + n2)
            let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
            if variance > 0 {
                let value = (Double(new.count) / n2 - Double(old.count) / n1) / variance.squareRoot()
                z = Figures.round(value)
                p = significantDigits(erfc(abs(value) / 2.0.squareRoot()), 4)
            } else {
                // Both shares 0 or both 1: nothing moved.
                z = 0
                p = 1
            }
        }
        return ShareChange(
            oldCount: old.count, oldTotal: old.total, newCount: new.count, newTotal: new.total,
            z: z, pValue: p, significant: p.map { $0 < alpha } ?? false
        )
    }

    static func significantDigits(_ value: Double, _ digits: Int) -> Double {
        guard value > 0, value.isFinite else { return value }
        let magnitude = Int(floor(log10(value)))
        let scale = pow(10, Double(digits - 1 - magnitude))
        return (value * scale).rounded() / scale
    }
}
