public import RelayAuditCore

/// The effective policy of a run: the built-in default with the user's file laid over it.
public struct AuditPolicy: Sendable {
    /// Where the policy came from, for reports: "built-in default" or the file path.
    public var source: String
    /// The organization's own mail domains, lower-cased.
    public var organizationDomains: [String]
    public var directory: DirectoryThresholds
    public var logs: LogThresholds
    /// Every rule the policy knows, by id.
    public var rules: [String: RuleSetting]
    /// Every log signal the policy knows, by id.
    public var signals: [String: SignalSetting]
    /// Every address signal the policy knows, by id.
    public var addressSignals: [String: AddressSignalSetting]
    /// Every campaign detector the policy knows, by id.
    public var campaigns: [String: CampaignSetting] = [:]
    /// The merged tree, for sections later stages read.
    public var tree: PolicyNode

    /// The rule's setting. A rule the policy does not list is a programming error caught by
    /// the test that checks every registered rule against `Policies/default.yaml`; at run time
    /// it falls back to enabled at `info` rather than crash.
    public func setting(for rule: RuleID) -> RuleSetting {
        rules[rule.rawValue] ?? RuleSetting(enabled: true, severity: .info)
    }

    /// The address signal's setting (an unknown one makes an address suspicious at most).
    public func addressSignal(_ id: SignalID) -> AddressSignalSetting {
        addressSignals[id.rawValue] ?? AddressSignalSetting(enabled: true, verdict: "suspicious")
    }

    /// The campaign detector's setting (an unknown one runs with its own defaults).
    public func campaign(_ id: SignalID) -> CampaignSetting {
        campaigns[id.rawValue] ?? CampaignSetting(enabled: true)
    }

    /// The signal's setting (an unknown signal counts with no weight).
    public func signal(_ id: SignalID) -> SignalSetting {
        signals[id.rawValue] ?? SignalSetting(enabled: true, weight: 0)
    }
}
