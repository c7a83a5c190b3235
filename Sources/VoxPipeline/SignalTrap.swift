import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT and SIGTERM into a `RunCancellation`, so that an interrupted run stops at the next
/// check, removes its staging directory, releases its lock and exits 1, instead of dying with a
/// half-written file. A second signal exits at once: the lock goes with the process and the
/// staging directory is cleared by the next run, so even that leaves the outputs intact.
public final class SignalTrap: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    public init(cancellation: RunCancellation, onSignal: @escaping @Sendable (String) -> Void) {
        // Past a file size limit (`ulimit -f`) a write should fail with EFBIG and be reported
        // with its path like a full disk, not kill the process without a word.
        signal(SIGXFSZ, SIG_IGN)
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            // The default action would kill the process at once; Dispatch delivers it instead.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if cancellation.isCancelled {
                    onSignal("second \(name): exiting now")
                    _exit(1)
                }
                cancellation.cancel(reason: "interrupted by \(name)")
                onSignal("\(name) received: stopping (a second signal exits at once)")
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
