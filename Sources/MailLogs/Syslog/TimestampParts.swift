/// A timestamp as a log line wrote it, before year and zone are resolved.
public enum TimestampParts: Equatable, Sendable {
    /// Classic syslog `Mmm dd HH:MM:SS`: no year, no zone.
    case syslog(month: Int, day: Int, hour: Int, minute: Int, second: Int)
    /// A wall-clock time with a year but no zone (Exim's mainlog, Dovecot's log_path).
    case local(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)
    /// An absolute instant (RFC 3339 with offset, TAI64N, journald's microseconds).
    case absolute(Int64)
}
