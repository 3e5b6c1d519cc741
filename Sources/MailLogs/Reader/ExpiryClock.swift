import RelayAuditCore

/// The one clock that ends every reader's joins: log time, as the lines and records give it.
/// Each reader is called when log time has moved past its own interval since its last call
/// (an hour for queued messages, a minute for SMTP sessions), with the same windows.
struct ExpiryClock {
    /// Per reader (line formats, then file formats, in registry order): when it is next due.
    private var due: [Instant]
    private let intervals: [Int64]
    /// The earliest of `due`: the one comparison made per line.
    private(set) var nextDue = Instant.distantPast
    let windows: JoinWindows

    init(windows: JoinWindows) {
        self.windows = windows
        intervals = InputReaders.lineFormats.map { $0.expiryInterval } + InputReaders.fileFormats.map { $0.expiryInterval }
        due = Array(repeating: .distantPast, count: intervals.count)
    }

    /// The readers due at `now` (indices in the order of `intervals`), each marked as called.
    mutating func readersDue(at now: Instant) -> [Int] {
        var called: [Int] = []
        for index in due.indices where now > due[index] {
            called.append(index)
            due[index] = now.adding(seconds: intervals[index])
        }
        nextDue = due.min() ?? .distantFuture
        return called
    }

    /// How many of the readers are line formats (the rest are file formats).
    var lineReaderCount: Int { InputReaders.lineFormats.count }
}
