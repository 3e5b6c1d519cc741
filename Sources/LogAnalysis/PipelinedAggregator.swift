import Dispatch
public import MailLogs

/// An `EventSink` that aggregates on a second thread while the reader parses on the caller's.
///
/// Parsing (line splitting, field extraction, queue-id joins) and aggregation (hash lookups per
/// identity and address) cost about the same, so overlapping them uses two cores. Events are
/// handed over in batches, in order, to one serial queue: the aggregate is exactly what the
/// sequential path builds. A bounded number of batches in flight keeps memory flat when one side
/// is faster than the other.
public struct PipelinedAggregator: EventSink {
    /// Owned by `queue` until `finish()` has drained it, then by the caller.
    private final class Box: @unchecked Sendable {
        var aggregator = ActivityAggregator()
    }

    static let batchSize = 2048
    static let batchesInFlight = 4

    private let box = Box()
    private let queue = DispatchQueue(label: "relay-audit.aggregate")
    private let slots = DispatchSemaphore(value: Self.batchesInFlight)
    private var batch: [LogEvent] = []

    public init() { batch.reserveCapacity(Self.batchSize) }

    public mutating func consume(_ event: consuming LogEvent) {
        batch.append(event)
        if batch.count >= Self.batchSize { flush() }
    }

    private mutating func flush() {
        guard !batch.isEmpty else { return }
        let events = batch
        batch = []
        batch.reserveCapacity(Self.batchSize)
        slots.wait()
        queue.async { [box, slots] in
            for event in events { box.aggregator.consume(event) }
            slots.signal()
        }
    }

    /// Hands over the last batch, waits for the queue to drain, and returns the aggregate.
    public mutating func finish() -> ActivityAggregator {
        flush()
        return queue.sync { box.aggregator }
    }
}
