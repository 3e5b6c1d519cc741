/// The sink every registered reader writes into: the events one line (or one expiry) made,
/// handed on to the run's real sink right after.
///
/// Readers are held as existentials (`any LineFormatReader`), so a reader generic over its
/// sink would run unspecialized, every event copied through value witnesses; written for this
/// one concrete type, each reader is compiled for it. Events are moved in and out of owned
/// storage, never copied: no retain or release per String on the way.
public final class EventBuffer: EventSink {
    private var storage: UnsafeMutablePointer<LogEvent>
    private var capacity: Int
    private(set) var count = 0

    public init(capacity: Int = 64) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    public func consume(_ event: consuming LogEvent) {
        if count == capacity {
            let larger = UnsafeMutablePointer<LogEvent>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = larger
            capacity *= 2
        }
        (storage + count).initialize(to: event)
        count += 1
    }

    /// Hands every event, in order, to `sink`.
    public func drain<S: EventSink>(into sink: inout S) {
        guard count > 0 else { return }
        for index in 0..<count { sink.consume((storage + index).move()) }
        count = 0
    }
}
