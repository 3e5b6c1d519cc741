public import RelayAuditCore
public import Policy

/// One log signal against an account: a measurement, a threshold from the policy, a weight.
public protocol AccountSignal: Sendable {
    var id: SignalID { get }
    func evaluate(_ facts: AccountFacts, _ thresholds: LogThresholds) -> LogSignal?
}

/// The signals, in the order reports list them.
public enum AccountSignals {
    public static let all: [any AccountSignal] = [
        BruteForceSuccessSignal(), SpraySuccessSignal(), ManyClientIPsSignal(), RecipientBurstSignal(), MessageBurstSignal(),
        ExternalDomainsSignal(), ForgedSenderSignal(), SenderLoginMismatchSignal(), BackscatterSignal(), GuestLikeNameSignal(),
    ]
}
