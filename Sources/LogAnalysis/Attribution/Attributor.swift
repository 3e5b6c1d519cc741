import RelayAuditCore

/// Labels each (account, address) pair of a successful login: the attacker's, the owner's, or
/// not known (the label's default, not stored: most logins are).
///
/// - The attacker's: the address is judged an attacker by what it did itself (sprayed, flooded,
///   brute-forced, relayed forged mail), or it sent forged-sender mail as this account, or it
///   is a member of a password-spray campaign that then got into the account.
/// - The owner's: the account logged in from the address before the incident began (the
///   first move of the attacker's addresses and campaigns, as judged above) and the pair did
///   none of the above. The owner keeps logging in after a compromise and after a reset; those
///   logins are not abuse.
/// Merely logging in to an account judged compromised decides nothing: the owner does that
/// too. The checker reads the labels for the last abusive AUTH, whether a reset came after the
/// abuse, the incident's start and what to block.
enum Attributor {
    /// `infrastructure`: the server's own addresses, whose logins are its helpers' on behalf of
    /// other clients: neither the owner's nor the attacker's.
    static func attribute(sources: [SourceReport], accounts: [AccountReport], campaigns: [Campaign],
                          forged: [String: [String: Int]], infrastructure: AddressRanges = AddressRanges()) -> Attribution {
        var attribution = Attribution()
        for source in sources where source.verdict == .attacker && !source.accounts.isEmpty {
            var own: [String] = []
            for signal in source.signals where signal.id != .usedCompromisedAccount && signal.id != .staleClient
                && !own.contains(signal.id.rawValue) { own.append(signal.id.rawValue) }
            let reason = "the address is an attacker by what it did (\(own.joined(separator: ", ")))"
            for account in source.accounts {
                attribution.set(Attribution.Pair(account: account, address: source.ip, label: .attacker, reason: reason))
            }
        }
        for (account, byIP) in forged {
            for (ip, count) in byIP where count > 0 && attribution.label(account: account, address: ip) != .attacker {
                attribution.set(Attribution.Pair(account: account, address: ip, label: .attacker,
                                                 reason: "sent \(count) forged-sender message(s) as the account from here"))
            }
        }
        for campaign in campaigns {
            for entry in campaign.entered where entry.memberAddress && attribution.label(account: entry.account, address: entry.address) != .attacker {
                attribution.set(Attribution.Pair(account: entry.account, address: entry.address, label: .attacker,
                                                 reason: "a member of password-spray campaign \(campaign.number), which tried the account"))
            }
        }
        attribution.incidentStart = start(sources: sources, accounts: accounts, campaigns: campaigns, attribution: attribution)
        guard let start = attribution.incidentStart else { return attribution }
        for account in accounts {
            for (ip, window) in account.activity.successSources where window.first < start
                && attribution.label(account: account.user, address: ip) == .unknown && !infrastructure.contains(ip) {
                attribution.set(Attribution.Pair(account: account.user, address: ip, label: .owner,
                                                 reason: "its logins from here began \(window.first.iso8601), before the incident "
                                                     + "(\(start.iso8601)), and none of its abuse came from here"))
            }
        }
        return attribution
    }

    /// The attacker's first move: the first failure of an address judged an attacker, the
    /// first try of a campaign, or the first login of an attacker's pair into an account,
    /// whichever came first.
    static func start(sources: [SourceReport], accounts: [AccountReport], campaigns: [Campaign], attribution: Attribution) -> Instant? {
        var start: Instant?
        func consider(_ moment: Instant) { start = min(start ?? .distantFuture, moment) }
        for source in sources where source.verdict == .attacker && source.activity.authFailure > 0 { consider(source.activity.firstSeen) }
        for campaign in campaigns { consider(campaign.first) }
        for account in accounts {
            for (ip, window) in account.activity.successSources where attribution.label(account: account.user, address: ip) == .attacker {
                consider(window.first)
            }
        }
        return start
    }
}
