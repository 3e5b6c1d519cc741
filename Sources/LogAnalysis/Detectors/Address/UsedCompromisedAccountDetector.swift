import Policy
public import RelayAuditCore

/// `used-compromised-account`: the address authenticated as an account judged compromised but
/// sent no forged mail from here: the attacker testing the password, or the owner, who logs
/// in too. Suspicious, not proof.
public struct UsedCompromisedAccountDetector: AddressDetector {
    public let id = SignalID.usedCompromisedAccount
    public init() {}

    public func evaluate(_ address: AddressContext) -> [AddressSignal] {
        address.logins.compactMap { login in
            guard login.account.verdict == .compromised, (address.forgedByAccount[login.account.user] ?? 0) == 0,
                  !address.ownerAccounts.contains(login.account.user) else { return nil }
            return AddressSignal(LogSignal(id: id, detail: "authenticated as compromised \(login.account.user)", value: 1, threshold: 1),
                                 identity: login.identity)
        }
    }
}

extension SignalID {
    public static let usedCompromisedAccount = SignalID("used-compromised-account")
    /// Not a detector's: the mark of an address that is the server's own (see `LogAnalysis.infrastructure`).
    public static let serverInfrastructure = SignalID("server-infrastructure")
}
