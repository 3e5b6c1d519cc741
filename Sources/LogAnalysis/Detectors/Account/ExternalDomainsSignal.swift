public import RelayAuditCore
public import Policy

/// `external-domains`: mail to more outside domains in one day than a person writes to.
/// Spam runs fan out over thousands of domains; staff write to a handful.
public struct ExternalDomainsSignal: AccountDetector {
    public let id = SignalID.externalDomains
    public init() {}

    public func evaluate(_ f: AccountFacts, _ t: LogThresholds) -> LogSignal? {
        guard f.maxExternalDomainsPerDay >= t.externalDomainsPerDay else { return nil }
        return LogSignal(id: id, detail: "mailed \(f.maxExternalDomainsPerDay) outside domains in one day (\(f.externalDomains) in all)",
                         value: Double(f.maxExternalDomainsPerDay), threshold: Double(t.externalDomainsPerDay))
    }
}

extension SignalID {
    public static let externalDomains = SignalID("external-domains")
}
