/// Where parsers put events: the NDJSON writer for `events`, the aggregator for `logs`.
public protocol EventSink {
    /// Called once before any event with the input files in reading order; an event's
    /// `fileIndex` indexes this list.
    mutating func begin(files: [String])
    mutating func consume(_ event: consuming LogEvent)
}

extension EventSink {
    public mutating func begin(files: [String]) {}
}

/// Collects events in memory (tests, small inputs).
public struct EventCollector: EventSink {
    public private(set) var events: [LogEvent] = []
    public init() {}
    public mutating func consume(_ event: consuming LogEvent) { events.append(event) }
}
