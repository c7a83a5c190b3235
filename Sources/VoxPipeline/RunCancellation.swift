import Foundation

/// Asks a running pipeline to stop, from another thread (the signal handler). The runner checks
/// it while reading, between scoring chunks and before publishing its outputs; once the outputs
/// are switched the run is complete and a late request is ignored.
public final class RunCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?

    public init() {}

    /// The first request wins; later ones keep its reason.
    public func cancel(reason: String) {
        lock.lock()
        defer { lock.unlock() }
        if self.reason == nil { self.reason = reason }
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return reason != nil
    }

    /// - Throws: `Cancelled` once `cancel` has been called.
    public func check() throws {
        lock.lock()
        let reason = self.reason
        lock.unlock()
        if let reason { throw Cancelled(reason: reason) }
    }

    /// The run stopped on request; nothing was published.
    public struct Cancelled: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { "\(reason): stopped; no outputs were written and the previous ones are intact" }
    }
}
