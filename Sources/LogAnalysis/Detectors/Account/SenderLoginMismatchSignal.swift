public import RelayAuditCore
public import Policy

/// `sender-login-mismatch`: messages whose sender is an own address but not the login's.
/// Weak alone (shared mailboxes and aliases do this; the checker resolves aliases from the
/// directory), telling next to others.
public struct SenderLoginMismatchSignal: AccountDetector {
    public let id = SignalID.senderLoginMismatch
    public init() {}

    public func evaluate(_ f: AccountFacts, _ t: LogThresholds) -> LogSignal? {
        guard f.mismatchedSenderMessages >= t.mismatchedSenderMessages else { return nil }
        return LogSignal(id: id, detail: "\(f.mismatchedSenderMessages) messages sent as another own address than the login",
                         value: Double(f.mismatchedSenderMessages), threshold: Double(t.mismatchedSenderMessages))
    }
}

extension SignalID {
    public static let senderLoginMismatch = SignalID("sender-login-mismatch")
}
