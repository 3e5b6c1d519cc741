public import RelayAuditCore

/// A reader of one daemon's lines, as syslog (or the daemon's own log file) carries them:
/// Postfix, Exim, Sendmail, Dovecot, Courier, vpopmail. Several daemons share one file
/// (Debian's /var/log/mail.log holds Postfix and Dovecot), so each line goes to the reader
/// that claims its syslog program name.
///
/// Add a line format: a type conforming to this in Formats/, one line in
/// `InputReaders.lineFormats`, a case in `LogFormat`, and its tests with real lines.
public protocol LineFormatReader: SendableMetatype {
    /// The format `--format` names.
    static var format: LogFormat { get }
    /// Whether a syslog program name (`postfix/submission/smtpd`, `dovecot`) is this daemon's.
    static func claims(program: ByteLine) -> Bool
    /// Whether lines without a syslog program can be this daemon's (its own log file, as
    /// Exim's mainlog and Dovecot's `log_path`); such lines are offered to these readers in
    /// registry order until one understands them.
    static var readsBareLines: Bool { get }
    /// How often, in log time, the shared clock calls `expire` (a reader that holds SMTP
    /// sessions wants to be called more often than one that holds queued messages).
    static var expiryInterval: Int64 { get }

    init()
    /// Reads one message (the line without its syslog header).
    mutating func parse(_ message: ByteLine, _ context: LineContext, into sink: inout EventBuffer) -> LineVerdict
    /// Log time has reached `now`: writes out what stopped arriving longer ago than its window.
    mutating func expire(now: Instant, windows: JoinWindows, into sink: inout EventBuffer)
    /// Writes out everything still being joined (end of input).
    mutating func finish(into sink: inout EventBuffer)
    /// The server versions its start lines named (the newest start of each product).
    var serverSoftware: [ServerSoftware] { get }
}

extension LineFormatReader {
    public var format: LogFormat { Self.format }
    public static var readsBareLines: Bool { false }
    public static var expiryInterval: Int64 { 3600 }
    public mutating func expire(now: Instant, windows: JoinWindows, into sink: inout EventBuffer) {}
    public mutating func finish(into sink: inout EventBuffer) {}
    public var serverSoftware: [ServerSoftware] { [] }
}
