/// Axis ranges with "nice" tick steps (1, 2 or 5 × 10ⁿ), so that gridlines fall on round values.
struct ChartScale {
    let maximum: Double
    let step: Double

    /// A scale from 0 to at least `maximum` with about `ticks` steps.
    init(upTo maximum: Double, ticks: Int = 5) {
        let top = maximum > 0 ? maximum : 1
        let rough = top / Double(max(1, ticks))
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        self.step = step
        self.maximum = (top / step).rounded(.up) * step
    }

    /// 0, step, 2 × step, … maximum (multiplied, not summed, so no rounding error creeps in).
    var ticks: [Double] {
        (0...Int((maximum / step).rounded())).map { Double($0) * step }
    }

    /// Position of `value` on an axis of `length` pixels.
    func position(_ value: Double, length: Double) -> Double {
        maximum == 0 ? 0 : value / maximum * length
    }
}
