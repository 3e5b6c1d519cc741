import Policy
public import RelayAuditCore

/// `repeated-failures`: `suspicious_failures` failed authentications or more, but fewer than a
/// flood: a guesser or a client with a stale password; worth a look, not a block.
public struct RepeatedFailuresDetector: AddressDetector {
    public let id = SignalID.repeatedFailures
    public init() {}

    public func evaluate(_ address: AddressContext) -> [AddressSignal] {
        let failures = address.unexplainedFailures
        let t = address.thresholds
        guard failures >= t.suspiciousFailures, failures < t.attackerFailures else { return [] }
        return [AddressSignal(LogSignal(id: id, detail: "\(failures) failed authentications", value: Double(failures),
                                        threshold: Double(t.suspiciousFailures)))]
    }
}

extension SignalID {
    public static let repeatedFailures = SignalID("repeated-failures")
}
