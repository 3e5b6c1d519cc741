import Policy
public import RelayAuditCore

/// `stale-client`: the failures are an old password, not a guesser (`AddressContext.staleDevice`):
/// the owner's phone or second mail client, still holding the password the owner changed,
/// retrying from the owner's usual address for days; or a device that never gets in, retrying
/// one name steadily (a former employee's phone, its account disabled).
///
/// Its verdict is `clean` in the default policy: the signal is there to say why the failures
/// are not held against the address (the failure detectors count only unexplained failures:
/// no attacker, no block, no start of the incident), and to tell the admin which device to fix.
public struct StaleClientDetector: AddressDetector {
    public let id = SignalID.staleClient
    public init() {}

    public func evaluate(_ address: AddressContext) -> [AddressSignal] {
        guard let stale = address.staleDevice else { return [] }
        if stale.loggedIn {
            guard let login = address.logins.first(where: { LoginHash.of($0.identity) == stale.hash }) else { return [] }
            return [AddressSignal(LogSignal(id: id, detail: "stale client: \(stale.failures) failed logins as \(login.identity), "
                                                + "who also logs in from here (a device with an old password)",
                                            value: Double(stale.failures), threshold: 1), identity: login.identity)]
        }
        let name = address.onlyFailedName ?? "one username"
        let span = stale.hours >= 48 ? "\(stale.hours / 24) days" : "\(stale.hours) hours"
        return [AddressSignal(LogSignal(id: id, detail: "stale client: \(stale.failures) failed logins as \(name) over \(span), "
                                            + "no other name, never a success (a device with an old password, or of a disabled "
                                            + "account): update or remove the device", value: Double(stale.failures), threshold: 1))]
    }
}

extension SignalID {
    public static let staleClient = SignalID("stale-client")
}
