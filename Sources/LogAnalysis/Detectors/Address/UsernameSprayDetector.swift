import Policy
public import RelayAuditCore

/// `password-spray`: one address failed with `attacker_users_tried` distinct usernames or more
/// that it never logged in as: it is walking a list of names, which no user's mail client
/// does. Names that logged in from the address afterwards are its users mistyping (a carrier
/// NAT or an office address is shared), not a list.
public struct UsernameSprayDetector: AddressDetector {
    public let id = SignalID.passwordSpray
    public init() {}

    public func evaluate(_ address: AddressContext) -> [AddressSignal] {
        let tried = address.activity.unexplainedTries
        guard tried >= address.thresholds.attackerUsersTried else { return [] }
        return [AddressSignal(LogSignal(id: id, detail: "tried \(tried) usernames", value: Double(tried),
                                        threshold: Double(address.thresholds.attackerUsersTried)))]
    }
}

extension SignalID {
    public static let passwordSpray = SignalID("password-spray")
}
