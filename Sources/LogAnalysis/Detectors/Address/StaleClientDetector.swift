import Policy
public import RelayAuditCore

/// `stale-client`: the failures are an old password, not a guesser. The address failed with
/// one username only, one it also logs in as, and not the way a guesser does (failing until
/// it gets in, then never again): it had logged in before it started failing, or it went on
/// failing after it logged in. The owner's phone or second mail client, still holding the
/// password the owner changed, retrying from the owner's usual address for days.
///
/// Its verdict is `clean` in the default policy: the signal is there to say why the failures
/// are not held against the address (the failure detectors count only unexplained failures),
/// and to tell the admin which device to fix.
public struct StaleClientDetector: AddressDetector {
    public let id = SignalID.staleClient
    public init() {}

    public func evaluate(_ address: AddressContext) -> [AddressSignal] {
        guard let stale = address.activity.staleClientTries,
              let login = address.logins.first(where: { LoginHash.of($0.identity) == stale.hash }) else { return [] }
        return [AddressSignal(LogSignal(id: id, detail: "stale client: \(stale.failures) failed logins as \(login.identity), "
                                            + "who also logs in from here (a device with an old password)",
                                        value: Double(stale.failures), threshold: 1), identity: login.identity)]
    }
}

extension SignalID {
    public static let staleClient = SignalID("stale-client")
}
