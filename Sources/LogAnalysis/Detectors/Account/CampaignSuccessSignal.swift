public import RelayAuditCore
public import Policy

/// `campaign-success`: a password-spray campaign tried this account, then the account logged
/// in from one of the campaign's addresses, from one of its networks, or from a network new to
/// it: the spray found the password. Suspicious alone (the login may be the owner's, the
/// password may have been sold and not used yet); with any abuse signal, compromised.
public struct CampaignSuccessSignal: AccountDetector {
    public let id = SignalID.campaignSuccess
    public init() {}

    public func evaluate(_ f: AccountFacts, _ t: LogThresholds) -> LogSignal? {
        guard let entry = f.campaignEntry else { return nil }
        let via = entry.directory ? "logged on to a domain controller" : entry.mailbox ? "logged in to its mailbox" : "authenticated"
        let tries = entry.failuresOnAccount == 1 ? "1 failed try" : "\(entry.failuresOnAccount) failed tries"
        return LogSignal(id: id, detail: "password-spray campaign \(entry.campaign) made \(tries) on it from \(entry.firstTry.iso8601); "
                             + "it \(via) \(entry.how) at \(entry.time.iso8601)",
                         value: Double(entry.failuresOnAccount), threshold: 1)
    }
}

extension SignalID {
    public static let campaignSuccess = SignalID("campaign-success")
}
