import Foundation

/// One piece of work run on its own thread while the caller does something else, then waited
/// for. A run has a few such pairs of independent sequential jobs (building the empathy
/// automaton beside the sentiment lexicon; records.jsonl's final copy beside the reports), and
/// on a machine with two cores they need not wait for each other.
///
/// `wait()` must be called before whatever the work touches goes away (the staging directory).
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written by the work's thread before it signals `done`, read after `wait`.
    private var outcome: Result<Value, any Error>?

    init(name: String, _ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            outcome = Result { try work() }
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Waits for the work to end; returns its value or rethrows its error. May be called again
    /// (a run waits where it needs the value, and once more on every way out).
    func wait() throws -> Value {
        done.wait()
        done.signal()
        return try outcome!.get()
    }
}
