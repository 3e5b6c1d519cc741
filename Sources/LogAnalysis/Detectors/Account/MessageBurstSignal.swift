public import RelayAuditCore
public import Policy

/// `message-burst`: more messages in one hour than the absolute limit, or many times the
/// account's own usual hourly rate (its median over the hours it sent anything).
public struct MessageBurstSignal: AccountDetector {
    public let id = SignalID.messageBurst
    public init() {}

    public func evaluate(_ f: AccountFacts, _ t: LogThresholds) -> LogSignal? {
        if f.maxMessagesPerHour >= t.messagesPerHour {
            return LogSignal(id: id, detail: "sent \(f.maxMessagesPerHour) messages in one hour", value: Double(f.maxMessagesPerHour),
                             threshold: Double(t.messagesPerHour))
        }
        let relative = max(t.burstMinimumMessagesPerHour, f.medianMessagesPerHour * t.baselineFactor)
        if f.maxMessagesPerHour >= relative, f.medianMessagesPerHour > 0 {
            return LogSignal(id: id, detail: "sent \(f.maxMessagesPerHour) messages in one hour, \(t.baselineFactor)× its usual \(f.medianMessagesPerHour)",
                             value: Double(f.maxMessagesPerHour), threshold: Double(relative))
        }
        return nil
    }
}

extension SignalID {
    public static let messageBurst = SignalID("message-burst")
}
