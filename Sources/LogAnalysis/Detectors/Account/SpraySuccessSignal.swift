public import RelayAuditCore
public import Policy

/// `spray-success`: an address tried many usernames, then got in as this one: a password spray
/// that found a weak password.
public struct SpraySuccessSignal: AccountDetector {
    public let id = SignalID.spraySuccess
    public init() {}

    public func evaluate(_ f: AccountFacts, _ t: LogThresholds) -> LogSignal? {
        guard let worst = f.spray, worst.users >= t.sprayUsers else { return nil }
        return LogSignal(id: id, detail: "\(worst.ip) tried \(worst.users) usernames, then authenticated as this account",
                         value: Double(worst.users), threshold: Double(t.sprayUsers))
    }
}

extension SignalID {
    public static let spraySuccess = SignalID("spray-success")
}
