import Dispatch

/// An `EventSink` that runs another sink on a second thread while the reader parses on the
/// caller's: the aggregator for `logs` and `audit`, the NDJSON writer for `events`.
///
/// Parsing (line splitting, field extraction, queue-id joins) and what the sink does with each
/// event (hash lookups per identity and address, or formatting a JSON line) cost about the
/// same, so overlapping them uses two cores. Events are handed over in batches, in order, to
/// one serial queue: the inner sink sees exactly the sequence it would see on one thread. A
/// bounded number of batches in flight keeps memory flat when one side is faster.
public struct PipelinedSink<Inner: EventSink & SendableMetatype>: EventSink {
    /// Owned by `queue` until `finish()` has drained it, then by the caller.
    private final class Box: @unchecked Sendable {
        var inner: Inner
        init(_ inner: Inner) { self.inner = inner }
    }

    /// Events moved in by the reader and moved out by the sink's thread: handing them over in
    /// an array copied each event out of it (a retain for each of its Strings) and released
    /// them all again with the array, most of what the hand-over cost.
    private final class Batch: @unchecked Sendable {
        let events = UnsafeMutablePointer<LogEvent>.allocate(capacity: PipelinedSink.batchSize)
        var count = 0
        deinit {
            events.deinitialize(count: count)
            events.deallocate()
        }

        /// Moves each event out, in order, into `body`.
        func drain(_ body: (consuming LogEvent) -> Void) {
            let n = count
            count = 0
            for index in 0..<n { body((events + index).move()) }
        }
    }

    static var batchSize: Int { 2048 }
    static var batchesInFlight: Int { 4 }

    private let box: Box
    private let queue = DispatchQueue(label: "relay-audit.sink")
    private let slots = DispatchSemaphore(value: Self.batchesInFlight)
    private var batch = Batch()

    public init(_ inner: Inner) {
        box = Box(inner)
    }

    public mutating func begin(files: [String]) {
        queue.async { [box] in box.inner.begin(files: files) }
    }

    public mutating func consume(_ event: consuming LogEvent) {
        (batch.events + batch.count).initialize(to: event)
        batch.count += 1
        if batch.count == Self.batchSize { flush() }
    }

    private mutating func flush() {
        guard batch.count > 0 else { return }
        let full = batch
        batch = Batch()
        slots.wait()
        queue.async { [box, slots] in
            full.drain { box.inner.consume($0) }
            slots.signal()
        }
    }

    /// Hands over the last batch, waits for the queue to drain, and returns the inner sink.
    public mutating func finish() -> Inner {
        flush()
        return queue.sync { box.inner }
    }
}
