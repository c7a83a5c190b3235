/// Pearson's correlation coefficient, accumulated in one pass with Welford's updates so that
/// large files do not lose precision to cancellation.
public struct PearsonCorrelation: Sendable, Hashable {
    public private(set) var count = 0
    private var meanX = 0.0
    private var meanY = 0.0
    private var sumSquaresX = 0.0
    private var sumSquaresY = 0.0
    private var sumProducts = 0.0

    public init() {}

    public mutating func add(_ x: Double, _ y: Double) {
        count += 1
        let deltaX = x - meanX
        meanX += deltaX / Double(count)
        let deltaY = y - meanY
        meanY += deltaY / Double(count)
        sumSquaresX += deltaX * (x - meanX)
        sumSquaresY += deltaY * (y - meanY)
        sumProducts += deltaX * (y - meanY)
    }

    /// r = cov(x, y) / (σx · σy); nil with fewer than two pairs or when either side is constant.
    public var coefficient: Double? {
        guard count >= 2, sumSquaresX > 0, sumSquaresY > 0 else { return nil }
        return sumProducts / (sumSquaresX * sumSquaresY).squareRoot()
    }
}
