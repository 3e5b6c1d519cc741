import Policy
public import RelayAuditCore

/// `failure-flood`: an address failed to authenticate `attacker_failures` times or more: a
/// password guesser, whoever it tried.
public struct FailureFloodDetector: AddressDetector {
    public let id = SignalID.failureFlood
    public init() {}

    public func evaluate(_ address: AddressContext) -> [AddressSignal] {
        let failures = address.unexplainedFailures
        guard failures >= address.thresholds.attackerFailures else { return [] }
        return [AddressSignal(LogSignal(id: id, detail: "\(failures) failed authentications", value: Double(failures),
                                        threshold: Double(address.thresholds.attackerFailures)))]
    }
}

extension SignalID {
    public static let failureFlood = SignalID("failure-flood")
}
