/// The parts of a syslog-style line: when, which host, which daemon, and the daemon's message.
public struct SyslogHeader {
    public var timestamp: TimestampParts?
    public var host: ByteLine?
    /// The daemon (`postfix/submission/smtpd`, `dovecot`, `auth-worker`), nil when the line
    /// has none (Exim's mainlog).
    public var program: ByteLine?
    public var pid: Int?
    public var message: ByteLine
}
