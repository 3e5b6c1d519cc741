public import RelayAuditCore
public import Policy

/// `forged-sender`: authenticated mail whose envelope sender is in none of the organization's
/// domains: the spammer relays as staff but signs as someone else (the seed story's
/// `sasl_username=bgabrys@…` sending `from=<kmcgrath@…>`).
public struct ForgedSenderSignal: AccountDetector {
    public let id = SignalID.forgedSender
    public init() {}

    public func evaluate(_ f: AccountFacts, _ t: LogThresholds) -> LogSignal? {
        guard f.forgedSenderMessages >= t.forgedSenderMessages else { return nil }
        let examples = f.forgedSenders.prefix(3).joined(separator: ", ")
        return LogSignal(id: id, detail: "\(f.forgedSenderMessages) messages from senders outside the organization (\(examples))",
                         value: Double(f.forgedSenderMessages), threshold: Double(t.forgedSenderMessages))
    }
}

extension SignalID {
    public static let forgedSender = SignalID("forged-sender")
}
