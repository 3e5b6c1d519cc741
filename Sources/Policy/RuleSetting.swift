public import RelayAuditCore

/// Whether a rule runs and how severe its findings are, as the policy sets them.
public struct RuleSetting: Sendable, Equatable {
    public var enabled: Bool
    public var severity: Severity

    public init(enabled: Bool, severity: Severity) {
        self.enabled = enabled
        self.severity = severity
    }
}
