import Foundation
import Logging

/// Logs at debug level (`vox run --verbose`) how long each stage of a run took, so that an
/// operator can see where a slow nightly run spends its time. Logs only: outputs never carry
/// durations when `--as-of` is given.
struct StageTimer {
    let logger: Logger
    private var last = ContinuousClock.now

    init(logger: Logger) {
        self.logger = logger
    }

    /// Logs the time since the previous stage ended (or since the timer was made).
    mutating func finished(_ stage: String) {
        let now = ContinuousClock.now
        let elapsed = now - last
        last = now
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        logger.debug("stage finished", metadata: ["stage": "\(stage)", "seconds": "\(String(format: "%.3f", seconds))"])
    }
}
