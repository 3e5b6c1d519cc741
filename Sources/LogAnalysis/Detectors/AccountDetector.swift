public import RelayAuditCore
public import Policy

/// A detector at the account level: one measurement of an account's activity (`AccountFacts`)
/// against a threshold of the policy's `logs:` section. Each signal it raises adds its weight
/// (policy `signals:`) to the account's score, which decides compromised / suspicious / clean.
///
/// Add one: a type conforming to this in Detectors/Account/ with its `SignalID` constant, its
/// weight in Policies/default.yaml `signals:` (and any threshold under `logs:`), one line in
/// `AccountDetectors.all`, and tests for a hit and a miss.
public protocol AccountDetector: Sendable {
    var id: SignalID { get }
    func evaluate(_ facts: AccountFacts, _ thresholds: LogThresholds) -> LogSignal?
}

/// The account detectors, in the order reports list their signals.
public enum AccountDetectors {
    public static let all: [any AccountDetector] = [
        BruteForceSuccessSignal(), SpraySuccessSignal(), CampaignSuccessSignal(), ManyClientIPsSignal(), RecipientBurstSignal(), MessageBurstSignal(),
        ExternalDomainsSignal(), ForgedSenderSignal(), SenderLoginMismatchSignal(), BackscatterSignal(), GuestLikeNameSignal(),
    ]
}
