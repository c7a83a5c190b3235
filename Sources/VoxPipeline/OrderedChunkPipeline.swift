import Foundation

/// Streams chunks through a parallel stage with bounded memory and an ordered result.
///
/// The calling thread produces chunks (the reader); `workers` threads transform them (scoring),
/// in any order; `consume` receives the outputs one at a time, in the order the chunks were
/// produced (merging and spilling), so whatever it builds does not depend on the worker count or
/// on which worker finished first. At most `maxInFlight` chunks exist at once — queued, being
/// transformed or waiting for their turn — so memory stays flat however long the input is: the
/// producer waits while that many are out.
///
/// `consume` runs on whichever worker completed the next chunk in order, never on two threads at
/// once. Workers are plain threads, not Dispatch's pool, because they block on a condition while
/// waiting for chunks, and a blocked pool thread on a 2-core machine would starve the pool.
final class OrderedChunkPipeline<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    let workers: Int
    let maxInFlight: Int

    private let condition = NSCondition()
    // All below under `condition`.
    /// Chunks waiting for a worker, at most `maxInFlight`: a taken chunk leaves the array at once
    /// (kept there, consumed chunks held their records until the array was compacted).
    private var queue: [(index: Int, input: Input)] = []
    private var produced = 0
    private var producerDone = false
    private var ready: [Int: Output] = [:]
    private var nextToConsume = 0
    private var consuming = false
    private var inFlight = 0
    private var failure: (any Error)?

    init(workers: Int, maxInFlight: Int? = nil) {
        self.workers = max(1, workers)
        self.maxInFlight = max(1, maxInFlight ?? 2 * max(1, workers) + 1)
    }

    /// Runs the pipeline to the end; rethrows the first error of `produce` or `consume`.
    /// - Parameters:
    ///   - produce: called on the calling thread; hands each chunk to `emit`, which waits while
    ///     `maxInFlight` chunks are out and throws once `consume` has failed.
    ///   - transform: the parallel stage; `index` is the chunk's position, from 0. The input is
    ///     the worker's own, in out so that the transform may move its contents out.
    ///   - consume: the ordered stage.
    func run(
        produce: (_ emit: (Input) throws -> Void) throws -> Void,
        transform: @escaping @Sendable (_ index: Int, inout Input) -> Output,
        consume: @escaping @Sendable (_ index: Int, Output) throws -> Void
    ) throws {
        let finished = DispatchGroup()
        for number in 0..<workers {
            finished.enter()
            let thread = Thread { [self] in
                work(transform: transform, consume: consume)
                finished.leave()
            }
            thread.name = "vox-score-\(number)"
            thread.start()
        }
        var producerError: (any Error)?
        do {
            try produce { input in try emit(input) }
        } catch {
            producerError = error
        }
        condition.lock()
        producerDone = true
        if producerError != nil {
            // Nothing queued is needed any more.
            inFlight -= queue.count
            queue.removeAll()
        }
        condition.broadcast()
        condition.unlock()
        finished.wait()
        if let producerError { throw producerError }
        if let failure { throw failure }
    }

    private func emit(_ input: Input) throws {
        condition.lock()
        defer { condition.unlock() }
        while inFlight >= maxInFlight && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append((produced, input))
        produced += 1
        inFlight += 1
        condition.signal()
    }

    private func work(transform: @Sendable (Int, inout Input) -> Output, consume: @Sendable (Int, Output) throws -> Void) {
        condition.lock()
        while true {
            while queue.isEmpty && !producerDone { condition.wait() }
            if queue.isEmpty { break }
            // The input leaves the queue for this worker alone: the transform may take its
            // contents (the scoring loop moves each record out of its chunk).
            let index: Int
            var input: Input
            (index, input) = queue.removeFirst()
            condition.unlock()
            let output = transform(index, &input)
            condition.lock()
            ready[index] = output
            // One consumer at a time; it drains every output that is next in order, including
            // those other workers finish while it consumes.
            guard !consuming else { continue }
            consuming = true
            while let next = ready.removeValue(forKey: nextToConsume) {
                let position = nextToConsume
                if failure == nil {
                    condition.unlock()
                    do {
                        try consume(position, next)
                    } catch {
                        condition.lock()
                        failure = error
                        condition.unlock()
                    }
                    condition.lock()
                }
                nextToConsume += 1
                inFlight -= 1
                condition.broadcast()
            }
            consuming = false
        }
        condition.unlock()
    }
}
