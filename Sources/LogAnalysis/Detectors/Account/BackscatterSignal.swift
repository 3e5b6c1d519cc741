public import RelayAuditCore
public import Policy

/// `ndr-backscatter`: the account's mail caused many non-delivery notifications, and a large
/// share of its deliveries bounced: guessed or purchased recipient lists.
public struct BackscatterSignal: AccountDetector {
    public let id = SignalID.ndrBackscatter
    public init() {}

    public func evaluate(_ f: AccountFacts, _ t: LogThresholds) -> LogSignal? {
        guard f.ndr >= t.ndrCount, f.bouncePercent >= t.bouncePercent else { return nil }
        return LogSignal(id: id, detail: "caused \(f.ndr) non-delivery notifications; \(f.bouncePercent)% of its outgoing deliveries bounced",
                         value: Double(f.ndr), threshold: Double(t.ndrCount))
    }
}

extension SignalID {
    public static let ndrBackscatter = SignalID("ndr-backscatter")
}
