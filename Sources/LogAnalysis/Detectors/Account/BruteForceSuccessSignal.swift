public import RelayAuditCore
public import Policy

/// `brute-force-success`: an address failed to authenticate many times, then succeeded as this
/// account: a guessed password. No peer tool ships this (fail2ban #1747, #2102 ask for it).
public struct BruteForceSuccessSignal: AccountDetector {
    public let id = SignalID.bruteForceSuccess
    public init() {}

    public func evaluate(_ f: AccountFacts, _ t: LogThresholds) -> LogSignal? {
        guard let worst = f.bruteForce, worst.failures >= t.failuresBeforeSuccess else { return nil }
        return LogSignal(id: id, detail: "\(worst.ip) failed \(worst.failures) times, then authenticated as this account",
                         value: Double(worst.failures), threshold: Double(t.failuresBeforeSuccess))
    }
}

extension SignalID {
    public static let bruteForceSuccess = SignalID("brute-force-success")
}
