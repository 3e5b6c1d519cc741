public import RelayAuditCore
public import Policy

/// `recipient-burst`: more recipients in one hour than the limit (ratemilter: 200 per 30 min;
/// M365 CIS benchmark: 500 external per hour).
public struct RecipientBurstSignal: AccountDetector {
    public let id = SignalID.recipientBurst
    public init() {}

    public func evaluate(_ f: AccountFacts, _ t: LogThresholds) -> LogSignal? {
        guard f.maxRecipientsPerHour >= t.recipientsPerHour else { return nil }
        return LogSignal(id: id, detail: "mailed \(f.maxRecipientsPerHour) recipients in one hour", value: Double(f.maxRecipientsPerHour),
                         threshold: Double(t.recipientsPerHour))
    }
}

extension SignalID {
    public static let recipientBurst = SignalID("recipient-burst")
}
