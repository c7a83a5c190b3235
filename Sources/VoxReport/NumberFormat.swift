/// Fixed-decimal number text for reports, computed without locale (a report must read the same
/// on every machine).
public enum NumberFormat {
    /// `value` with exactly `places` decimals: `fixed(0.12345, 2)` is `0.12`.
    public static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled != 0
        var digits = String(Int64(scaled))
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return (negative ? "-" : "") + digits
    }

    /// A share as a percentage with one decimal: `0.237` → `23.7%`.
    public static func percent(_ share: Double?) -> String {
        guard let share else { return "n/a" }
        return fixed(share * 100, 1) + "%"
    }

    /// A signed change: `+0.12`, `-3.4`, or `±0.00`.
    public static func signed(_ value: Double, _ places: Int) -> String {
        let text = fixed(value, places)
        if text.hasPrefix("-") { return text }
        return (Double(text) == 0 ? "±" : "+") + text
    }

    /// A change in percentage points: `+5.9 pp`.
    public static func points(_ change: Double) -> String {
        signed(change * 100, 1) + " pp"
    }

    /// Thousands separated by a thin, unambiguous comma: `12,345`.
    public static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// An axis tick: `5`, `2.5`, `0.25` — as few decimals as the value needs (at most 2).
    public static func axis(_ value: Double) -> String {
        for places in 0...2 {
            let text = fixed(value, places)
            if abs((Double(text) ?? value) - value) < 1e-9 { return text }
        }
        return fixed(value, 2)
    }

    /// A p-value: `0.0312`, or `< 0.0001` when smaller than four decimals show.
    public static func pValue(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return value < 0.0001 ? "< 0.0001" : fixed(value, 4)
    }

    /// `= 0.0312` or `< 0.0001`: a p-value after "p".
    public static func pValueRelation(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return value < 0.0001 ? "< 0.0001" : "= " + fixed(value, 4)
    }

    /// A percentage, or nil when there is no share: for optional table cells.
    public static func percentOrNil(_ share: Double?) -> String? {
        share.map { percent($0) }
    }
}
