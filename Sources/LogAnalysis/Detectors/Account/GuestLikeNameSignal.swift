public import RelayAuditCore
public import Policy

/// `guest-like-name`: SMTP AUTH succeeded for a name like guest, admin or test: default and
/// shared accounts are what sprays guess first.
public struct GuestLikeNameSignal: AccountDetector {
    public let id = SignalID.guestLikeName
    public init() {}

    public func evaluate(_ f: AccountFacts, _ t: LogThresholds) -> LogSignal? {
        guard let name = f.guestLikeIdentity else { return nil }
        return LogSignal(id: id, detail: "authenticated as '\(name)', a default or shared account name", value: 1, threshold: 1)
    }
}

extension SignalID {
    public static let guestLikeName = SignalID("guest-like-name")
}
