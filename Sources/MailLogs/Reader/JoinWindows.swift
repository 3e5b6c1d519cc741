import RelayAuditCore

/// How long a reader keeps joining the lines of one thing, in log time. Every reader's joins
/// are driven by one clock (`ExpiryClock`), each with the window of what it joins.
public struct JoinWindows: Sendable, Equatable {
    /// A message whose lines stop arriving for this long is written out as it is (policy
    /// `join_expiry_hours`; a queue can hold a message for days, so a day by default).
    public var message: Int64
    /// An SMTP session silent for this long is over (a log rotated mid-session, or a file given
    /// alone): Exchange closes an idle receive session after 5 minutes by default
    /// (ConnectionInactivityTimeout), Postfix after 300 s (smtpd_timeout); 15 minutes covers
    /// both with room. Its pending AUTH is then a failure, reported at its own time, before the
    /// successes that followed it rather than at the end of input.
    public var session: Int64

    public init(message: Int64 = 86_400, session: Int64 = 900) {
        self.message = message
        self.session = session
    }
}
