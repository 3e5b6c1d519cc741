import Policy
public import RelayAuditCore

/// `relayed-forged-mail`: the address authenticated as an account judged compromised and sent
/// mail as senders outside the organization through it: the abuse itself, from here.
public struct RelayedForgedMailDetector: AddressDetector {
    public let id = SignalID.relayedForgedMail
    public init() {}

    public func evaluate(_ address: AddressContext) -> [AddressSignal] {
        address.logins.compactMap { login in
            guard login.account.verdict == .compromised, let forged = address.forgedByAccount[login.account.user], forged > 0 else { return nil }
            return AddressSignal(LogSignal(id: id, detail: "authenticated as compromised \(login.account.user) and sent \(forged) forged-sender messages",
                                           value: Double(forged), threshold: 1),
                                 identity: login.identity)
        }
    }
}

extension SignalID {
    public static let relayedForgedMail = SignalID("relayed-forged-mail")
}
