public import RelayAuditCore

/// What a reader knows about the line it is given besides the message text.
public struct LineContext {
    public var time: Instant
    /// The daemon, as written (`postfix/submission/smtpd`); nil for Exim's mainlog.
    public var program: ByteLine?
    public var pid: Int?
    public var fileIndex: Int
    public var offset: Int64

    public init(time: Instant, program: ByteLine?, pid: Int?, fileIndex: Int, offset: Int64) {
        self.time = time
        self.program = program
        self.pid = pid
        self.fileIndex = fileIndex
        self.offset = offset
    }

    /// A new event stamped with this line's time and position.
    func event(_ action: LogEvent.Action, _ format: LogFormat) -> LogEvent {
        var event = LogEvent(action, time: time, format: format, fileIndex: fileIndex, offset: offset)
        event.appname = program?.string
        if action.kind == .authentication, let program { event.service = Service.forProgram(program) }
        return event
    }
}

/// How a reader judged a line.
public enum LineVerdict: Equatable {
    /// A line this reader understands (whether or not it produced an event).
    case understood
    /// Not a line of this reader's daemon, or a shape it does not know.
    case unrecognized
    /// A line that makes the file unreadable as a whole (e.g. a date whose day/month order
    /// cannot be known); the reader stops with an error naming file and line.
    case failed(String)
}
