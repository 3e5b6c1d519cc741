import Dispatch

/// Runs jobs on a fixed number of threads and hands their results back in the order the jobs
/// were submitted: the parallel reader prepares blocks of lines on all cores while one thread
/// applies them in input order, so the result cannot depend on which worker finished first.
///
/// At most `window` jobs are in flight (submitted and not yet taken); memory is bounded by
/// the window, whatever the input's size. Only the submitting thread calls `submit`, `next`
/// and `finish`.
public final class OrderedWorkers<Output>: @unchecked Sendable {
    // A slot is written by a worker only between its job's submission and its `ready.signal()`,
    // and read by the caller only after `ready.wait()`: the semaphores hand the slots over.
    private let queues: [DispatchQueue]
    private let slots: UnsafeMutablePointer<Output?>
    private let ready: [DispatchSemaphore]
    public let window: Int
    private var submitted = 0
    private var taken = 0

    public init(workers: Int, window: Int) {
        precondition(workers >= 1 && window >= 1)
        queues = (0..<workers).map { DispatchQueue(label: "relay-audit.prepare.\($0)") }
        self.window = window
        slots = .allocate(capacity: window)
        slots.initialize(repeating: nil, count: window)
        ready = (0..<window).map { _ in DispatchSemaphore(value: 0) }
    }

    deinit {
        finish()
        slots.deinitialize(count: window)
        slots.deallocate()
    }

    /// Jobs submitted whose output has not been taken yet.
    public var pending: Int { submitted - taken }

    /// Starts `job` on the next worker. The caller takes the oldest output (`next`) first when
    /// `pending == window`.
    public func submit(_ job: @escaping @Sendable () -> Output) {
        precondition(pending < window, "take the oldest output before submitting more")
        let index = submitted % window
        queues[submitted % queues.count].async { [self] in
            (slots + index).pointee = job()
            ready[index].signal()
        }
        submitted += 1
    }

    /// Waits for the oldest job still pending and returns its output.
    public func next() -> Output {
        precondition(pending > 0, "no job pending")
        let index = taken % window
        ready[index].wait()
        taken += 1
        let output = slots[index].take()!
        return output
    }

    /// Waits for every pending job and returns their outputs in order (to release what they hold).
    @discardableResult
    public func finish() -> [Output] {
        var outputs: [Output] = []
        while pending > 0 { outputs.append(next()) }
        return outputs
    }
}
