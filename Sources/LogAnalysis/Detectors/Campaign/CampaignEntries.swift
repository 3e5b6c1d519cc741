import RelayAuditCore

extension PasswordSprayCampaignDetector {
    /// The accounts each campaign got into: an account it tried that logged in, after the
    /// campaign's first try on it and no later than `follow_up_days` after the campaign ended,
    /// from an address the account had not logged in from before that first try, and which is
    /// one of the campaign's addresses, in one of its networks, or in a network new to an
    /// account that has a history (logins before the campaign tried it). A first login with no
    /// history to compare with, from outside the campaign's networks, says nothing and is left.
    /// The strongest such login counts (the campaign's own address first), then the earliest.
    static func findEntries(_ campaigns: [Campaign], _ context: CampaignContext) -> [Campaign] {
        guard !campaigns.isEmpty else { return campaigns }
        let followUp = Int64(context.parameter("follow_up_days", default: 7) * 86_400)
        struct Login {
            var ip: String
            var identity: String
            var time: Instant
            var mailbox: Bool
            var directory: Bool
        }
        // Only the accounts some campaign tried (by a spelling that logged in, the account's
        // name, or name@own-domain): the logins of the others are never looked at.
        func triedByAny(_ hash: UInt64) -> Bool { campaigns.contains { $0.tried[hash] != nil } }
        var tried = Set<String>()
        for (key, account) in context.accountOf where !tried.contains(account) {
            let bare = account.lowercased()
            if triedByAny(LoginHash.of(key)) || triedByAny(LoginHash.of(bare))
                || context.ownDomains.contains(where: { triedByAny(LoginHash.of(bare + "@" + $0)) }) {
                tried.insert(account)
            }
        }
        var logins: [String: [Login]] = [:]
        for (ip, source) in context.sources where !source.successes.isEmpty {
            for (identity, first) in source.successes {
                // A domain controller's logon names an account the mail logs may never have
                // seen: it is its own account, by its bare name (`it.support` for
                // `it.support@CORP.EXAMPLE` and `CORP\it.support`), when a campaign tried it.
                let account: String
                if let known = context.accountOf[identity] {
                    account = known
                } else if first.directory, triedByAny(LoginHash.of(identity)) || triedByAny(LoginHash.of(bareName(identity))) {
                    account = bareName(identity)
                    tried.insert(account)
                } else {
                    account = identity
                }
                guard tried.contains(account) else { continue }
                logins[account, default: []].append(Login(ip: ip, identity: identity, time: first.time, mailbox: first.mailbox,
                                                          directory: first.directory))
            }
        }
        guard !logins.isEmpty else { return campaigns }
        var memberOf: [String: Int] = [:]
        for (index, campaign) in campaigns.enumerated() {
            for position in campaign.memberPositions where !context.sources.activities[Int(position)].successes.isEmpty {
                memberOf[context.sources.addresses[Int(position)]] = index
            }
        }
        let networkSets = campaigns.map { Set($0.networks.map(\.network)) }
        var result = campaigns
        for (account, list) in logins.sorted(by: { $0.key < $1.key }) {
            var names = Set(list.map { LoginHash.of($0.identity) })
            let bare = account.lowercased()
            names.insert(LoginHash.of(bare))
            for domain in context.ownDomains { names.insert(LoginHash.of(bare + "@" + domain)) }
            let ordered = list.sorted { ($0.time, $0.ip) < ($1.time, $1.ip) }
            for (index, campaign) in campaigns.enumerated() {
                var firstTry = Instant.distantFuture
                var failures = 0
                for name in names {
                    guard let tries = campaign.tried[name] else { continue }
                    firstTry = min(firstTry, tries.first)
                    failures += Int(tries.failures)
                }
                guard failures > 0 else { continue }
                let prior = ordered.filter { $0.time < firstTry }
                let priorAddresses = Set(prior.map(\.ip))
                let priorNetworks = Set(prior.compactMap { NetworkKey.of($0.ip) })
                var best: (rank: Int, entry: CampaignEntry)?
                for login in ordered where login.time >= firstTry && login.time.seconds <= campaign.last.seconds + followUp
                    && !priorAddresses.contains(login.ip) {
                    let network = NetworkKey.of(login.ip)
                    let member = memberOf[login.ip] == index
                    let inNetwork = network.map { networkSets[index].contains($0) } ?? false
                    let newNetwork = !priorNetworks.isEmpty && network.map { !priorNetworks.contains($0) } == true
                    let rank = member ? 3 : inNetwork ? 2 : newNetwork ? 1 : 0
                    guard rank > (best?.rank ?? 0) else { continue }
                    best = (rank, CampaignEntry(account: account, identity: login.identity, address: login.ip, time: login.time,
                                                mailbox: login.mailbox, memberAddress: member, memberNetwork: inNetwork,
                                                failuresOnAccount: failures, firstTry: firstTry, campaign: campaign.number))
                    best?.entry.directory = login.directory
                }
                if let best { result[index].entered.append(best.entry) }
            }
        }
        return result
    }
}
