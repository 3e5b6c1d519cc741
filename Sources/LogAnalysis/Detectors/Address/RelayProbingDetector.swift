import Policy
public import RelayAuditCore

/// `relay-probing`: the server refused to relay for this address `relay_denials` times or more
/// ("Relay access denied", "Unable to relay"): a spammer testing whether the server is an open
/// relay, before (or besides) guessing a password. A mail client that forgot to authenticate
/// is refused too, which is why this makes an address suspicious, not an attacker.
public struct RelayProbingDetector: AddressDetector {
    public let id = SignalID.relayProbing
    public init() {}

    public func evaluate(_ address: AddressContext) -> [AddressSignal] {
        let threshold = address.parameter("relay_denials", of: id) ?? 5
        let denied = address.activity.relayDenied
        guard Double(denied) >= threshold else { return [] }
        return [AddressSignal(LogSignal(id: id, detail: "refused relaying \(denied) times: probing for an open relay",
                                        value: Double(denied), threshold: threshold))]
    }
}

extension SignalID {
    public static let relayProbing = SignalID("relay-probing")
}
