import RelayAuditCore
public import Policy

/// Turns aggregated activity into judgements: merges the spellings of each account, measures
/// it, applies the signals with the policy's thresholds and weights, and judges every address.
public enum LogAnalyzer {
    /// Takes the aggregate: each identity's activity is moved into its account as the spellings
    /// are merged, so the identities are not held twice (they are most of the memory).
    public static func analyze(_ aggregate: consuming ActivityAggregator, policy: AuditPolicy) -> LogAnalysis {
        aggregate.joinNamelessFailures()
        let inferred = policy.organizationDomains.isEmpty
        let own = inferred ? aggregate.loginDomains.union(aggregate.localDeliveryDomains) : Set(policy.organizationDomains)
        let domains = DomainClassifier(ownDomains: own)
        let thresholds = policy.logs

        // Merge `alice`, `alice@own.domain` and `CORP\alice` into one account.
        var merged: [String: IdentityActivity] = [:]
        var identities = aggregate.takeIdentities()
        var addresses = aggregate.takeSources()
        let canonical = canonicalNames(Array(identities.keys), domains: domains)
        var accountOf: [String: String] = [:]
        for key in identities.keys { accountOf[key] = canonical[key] ?? key }
        while let (key, activity) = identities.popFirst() {
            let name = canonical[key] ?? key
            // Most accounts are logged one way: take the activity as it is (shared, not copied).
            if merged[name] == nil { merged[name] = activity } else { merged[name]!.merge(activity) }
        }
        // Failures are counted per username, not on the accounts: each account gets those of
        // every spelling that names it (`alice`, `alice@own.domain`, `CORP\alice`).
        for (_, name) in aggregate.failedUsernames.byHash where name.failures > 0 {
            let key = ActivityAggregator.key(name.spelling)
            let account = canonical[key] ?? canonicalName(key, domains: domains)
            if merged[account] != nil {
                merged[account]!.authFailure += name.failures
                merged[account]!.seen(name.first)
                merged[account]!.seen(name.last)
            }
        }

        // Campaigns first: an account a campaign got into carries it into its verdict.
        let campaigns = detectCampaigns(addresses, aggregate.failedUsernames, accountOf: accountOf, own: own.sorted(), policy: policy)
        // A login from a network merely new to the account is listed with its campaign but does
        // not count against the account unless the policy says so: homes, phones and hotels
        // make such logins every day, and a campaign tries every account.
        let newNetworks = policy.campaign(.passwordSprayCampaign).parameters["suspect_new_networks"] ?? 0 > 0
        var entries: [String: CampaignEntry] = [:]
        for campaign in campaigns {
            for entry in campaign.entered where (newNetworks || entry.memberAddress || entry.memberNetwork)
                && entries[entry.account].map({ Self.rank(entry) > Self.rank($0) }) ?? true {
                entries[entry.account] = entry
            }
            for position in campaign.memberPositions { addresses.modify(at: Int(position)) { $0.campaign = Int32(campaign.number) } }
        }

        var accounts: [AccountReport] = []
        let ownDomainIDs = aggregate.domains.names.map(domains.isOwn)
        for (user, activity) in merged {
            var facts = measure(user, activity, sources: addresses, domains: domains, ownDomainIDs: ownDomainIDs,
                                thresholds: thresholds)
            facts.campaignEntry = entries[user]
            var signals: [LogSignal] = []
            var remaining = 1.0
            for check in AccountDetectors.all {
                let setting = policy.signal(check.id)
                guard setting.enabled, let signal = check.evaluate(facts, thresholds) else { continue }
                signals.append(signal)
                remaining *= 1 - setting.weight
            }
            let score = 1 - remaining
            let verdict: AccountVerdict = score >= thresholds.compromisedScore ? .compromised
                : (score >= thresholds.suspiciousScore ? .suspicious : .clean)
            accounts.append(AccountReport(user: user, verdict: verdict, score: score, activity: activity, facts: facts, signals: signals))
        }
        accounts.sort { ($0.verdict, $0.score, $1.user) > ($1.verdict, $1.score, $0.user) }

        let verdictByIdentity = Dictionary(accounts.flatMap { report in
            report.activity.identities.map { ($0.lowercased(), report) }
        }, uniquingKeysWith: { a, _ in a })
        // Forged-sender messages per compromised account and client address.
        var forged: [String: [String: Int]] = [:]
        for report in accounts where report.verdict == .compromised {
            var byIP: [String: Int] = [:]
            for (key, count) in report.activity.senderDomainsByIP where key.domain != DomainTable.noDomain && !ownDomainIDs[Int(key.domain)] {
                byIP[key.ip, default: 0] += count
            }
            forged[report.user] = byIP
        }
        var sources: [SourceReport] = []
        var folded = 0
        let detectors = AddressDetectors.all.enumerated().compactMap { index, detector -> (Int, any AddressDetector, SourceVerdict)? in
            let setting = policy.addressSignal(detector.id)
            return setting.enabled ? (index, detector, SourceVerdict(rawValue: setting.verdict) ?? .suspicious) : nil
        }
        // An address is listed when it authenticated or tried to, or when a detector found
        // something in what else it did (refused relaying, say).
        // A campaign's addresses that did nothing else are reported as its members, not each
        // as a clean source.
        var infrastructure = AddressRanges(policy.logs.infrastructureAddresses.compactMap(AddressRange.init))
        for ip in aggregate.serverAddresses.sorted() where !infrastructure.contains(ip) {
            if let range = AddressRange(ip) { infrastructure.insert(range) }
        }
        for ip in authenticationProxies(addresses) where !infrastructure.contains(ip) {
            if let range = AddressRange(ip) { infrastructure.insert(range) }
        }
        let names = aggregate.failedUsernames
        func onlyName(_ activity: SourceActivity) -> String? { activity.tries.only.flatMap { names.byHash[$0.0]?.spelling } }
        for (ip, activity) in addresses where activity.authFailure > 0 || activity.authSuccess > 0 || activity.relayDenied > 0 {
            let report = judge(ip, activity, verdictByIdentity, forged: forged, thresholds: thresholds, settings: policy.addressSignals,
                               detectors: detectors, onlyFailedName: onlyName(activity), infrastructure: infrastructure.contains(ip))
            if activity.campaign > 0, report.verdict == .clean, activity.successes.isEmpty {
                folded += 1
            } else if activity.authFailure > 0 || activity.authSuccess > 0 || report.verdict != .clean {
                sources.append(report)
            }
        }
        sources = Self.ranked(sources)
        // Who made each login: the attacker's pairs from what the addresses did, then the owner's
        // (an address the account used before the incident began). An address judged only for
        // logging in to a compromised account is judged again knowing which logins were the
        // owner's: the owner's office is not suspicious for the owner's own logins.
        let attribution = Attributor.attribute(sources: sources, accounts: accounts, campaigns: campaigns, forged: forged,
                                               infrastructure: infrastructure)
        var rejudged = false
        for index in sources.indices where sources[index].signals.contains(where: { $0.id == .usedCompromisedAccount }) {
            let owned = Set(sources[index].accounts.filter { attribution.label(account: $0, address: sources[index].ip) == .owner })
            guard !owned.isEmpty, let activity = addresses[sources[index].ip] else { continue }
            sources[index] = judge(sources[index].ip, activity, verdictByIdentity, forged: forged, thresholds: thresholds,
                                   settings: policy.addressSignals, detectors: detectors, onlyFailedName: onlyName(activity),
                                   infrastructure: infrastructure.contains(sources[index].ip), owners: owned)
            rejudged = true
        }
        if rejudged { sources = Self.ranked(sources) }
        var analysis = LogAnalysis(accounts: accounts, sources: sources, campaigns: campaigns, attribution: attribution,
                                   ownDomains: own.sorted(), ownDomainsInferred: inferred)
        analysis.infrastructure = infrastructure
        analysis.campaignMembersFolded = folded
        analysis.failedUsernames = FailedUsernamesSummary(aggregate.failedUsernames, loggedIn: Set(accountOf.keys.map(LoginHash.of)))
        analysis.directoryChanges = aggregate.directoryChanges
        analysis.directoryChangesDropped = aggregate.directoryChangesDropped
        return analysis
    }

    /// Attackers first, then suspicious, then clean; within each, most failures first, then by
    /// address. Sorted by index: moving the reports themselves (each holding sets and maps)
    /// while sorting a hundred thousand of them cost more than judging them.
    static func ranked(_ sources: [SourceReport]) -> [SourceReport] {
        let keys = sources.map { ($0.verdict, $0.activity.authFailure, $0.ip) }
        let order = keys.indices.sorted { a, b in (keys[a].0, keys[a].1, keys[b].2) > (keys[b].0, keys[b].1, keys[a].2) }
        return order.map { sources[$0] }
    }

    /// Runs the enabled campaign detectors and numbers their campaigns in order of start.
    static func detectCampaigns(_ sources: SourceTable, _ names: FailedUsernames, accountOf: [String: String], own: [String],
                                policy: AuditPolicy) -> [Campaign] {
        var campaigns: [Campaign] = []
        for detector in CampaignDetectors.all {
            let setting = policy.campaign(detector.id)
            guard setting.enabled else { continue }
            let context = CampaignContext(sources: sources, failedUsernames: names, accountOf: accountOf, ownDomains: own,
                                          thresholds: policy.logs, setting: setting)
            campaigns += detector.detect(context)
        }
        campaigns.sort { ($0.first, $0.number) < ($1.first, $1.number) }
        for index in campaigns.indices {
            let number = index + 1
            for entry in campaigns[index].entered.indices { campaigns[index].entered[entry].campaign = number }
            campaigns[index].number = number
        }
        return campaigns
    }

    /// Addresses that log on to the domain controllers as many accounts: servers that check
    /// their users' passwords against the DCs (Exchange, a VPN or RADIUS server, webmail), which
    /// the DCs' trail shows as the client of every logon, failed ones included. Their failures
    /// are their users' (a phone's old password behind Exchange), not guesses of their own: such
    /// an address is the servers' own infrastructure, never an attacker and never blocked. A
    /// spray from one address tries many more names than it gets into, so it needs at least
    /// `proxyLogons` accounts logged on and no more names failed than accounts logged on.
    static func authenticationProxies(_ sources: SourceTable) -> [String] {
        var proxies: [String] = []
        for (ip, activity) in sources where activity.successes.count >= proxyLogons {
            let logons = activity.successes.values.reduce(0) { $0 + ($1.directory ? 1 : 0) }
            if logons >= proxyLogons, logons >= activity.tries.count { proxies.append(ip) }
        }
        return proxies
    }

    /// Distinct accounts an address must log on to the DCs as to be an authentication proxy.
    static let proxyLogons = 10

    /// How strongly a campaign entry ties a login to the campaign.
    static func rank(_ entry: CampaignEntry) -> Int { entry.memberAddress ? 3 : entry.memberNetwork ? 2 : 1 }

    /// The canonical name of one key that is not an identity (a failed-only spelling): the bare
    /// name for `CORP\alice` and `alice@own-domain`.
    static func canonicalName(_ key: String, domains: DomainClassifier) -> String {
        if let slash = key.lastIndex(of: "\\") { return String(key[key.index(after: slash)...]) }
        if let domain = DomainClassifier.domain(of: key), domains.isOwn(domain) { return DomainClassifier.localPart(of: key) }
        return key
    }

    /// Canonical account names: the local part for `CORP\alice` and for `alice@own-domain`
    /// (unless two own domains share that local part), otherwise the identity itself.
    static func canonicalNames(_ keys: [String], domains: DomainClassifier) -> [String: String] {
        var localCounts: [String: Set<String>] = [:]
        for key in keys {
            if let domain = DomainClassifier.domain(of: key), domains.isOwn(domain) {
                localCounts[DomainClassifier.localPart(of: key), default: []].insert(domain)
            }
        }
        var result: [String: String] = [:]
        for key in keys {
            if let slash = key.lastIndex(of: "\\") {
                result[key] = String(key[key.index(after: slash)...])
            } else if let domain = DomainClassifier.domain(of: key), domains.isOwn(domain) {
                let local = DomainClassifier.localPart(of: key)
                result[key] = (localCounts[local]?.count ?? 0) == 1 ? local : key
            }
        }
        return result
    }

    /// `ownDomainIDs[id]`: whether domain `id` of the aggregate's `DomainTable` is the organization's.
    static func measure(_ user: String, _ a: IdentityActivity, sources: SourceTable, domains: DomainClassifier,
                        ownDomainIDs: [Bool], thresholds: LogThresholds) -> AccountFacts {
        var f = AccountFacts()
        for (day, ips) in a.ipsByDay {
            let networks = Set(ips.map(network)).count
            if ips.count > f.maxIPsPerDay || (ips.count == f.maxIPsPerDay && networks > f.maxNetworksPerDay) {
                f.maxIPsPerDay = ips.count
                f.busiestIPDay = day
            }
            f.maxNetworksPerDay = max(f.maxNetworksPerDay, networks)
        }
        let active = a.hourly.hours.filter { $0.messages > 0 }
        let hourly = active.map { Int($0.messages) }.sorted()
        if !hourly.isEmpty { f.medianMessagesPerHour = hourly[hourly.count / 2] }
        // In hour order, so the earliest of equally busy hours is the one named.
        for hour in active where Int(hour.messages) > f.maxMessagesPerHour {
            f.maxMessagesPerHour = Int(hour.messages)
            f.busiestHour = Int(hour.hour)
        }
        var externalByDay: [Int: Set<UInt32>] = [:]
        var externalAll = Set<UInt32>()
        f.maxRecipientsPerHour = Int(a.hourly.hours.map(\.recipients).max() ?? 0)
        for (day, recipientDomains) in a.recipientDomainsByDay {
            for (domain, count) in recipientDomains where !ownDomainIDs[Int(domain)] {
                externalByDay[day, default: []].insert(domain)
                externalAll.insert(domain)
                f.externalRecipients += count
            }
        }
        f.maxExternalDomainsPerDay = externalByDay.values.map(\.count).max() ?? 0
        f.externalDomains = externalAll.count
        let loginLocal = DomainClassifier.localPart(of: user)
        for (sender, count) in a.senders.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) where !sender.isEmpty {
            if let domain = DomainClassifier.domain(of: sender), !domains.isOwn(domain) {
                f.forgedSenderMessages += count
                if f.forgedSenders.count < 10 { f.forgedSenders.append(sender) }
            } else if DomainClassifier.localPart(of: sender) != loginLocal {
                f.mismatchedSenderMessages += count
            }
        }
        f.ndr = a.ndr
        f.bouncePercent = a.remoteDeliveries > 0 ? a.bounced * 100 / a.remoteDeliveries : 0
        let keys = Set(a.identities.map { $0.lowercased() })
        for ip in a.successSources.keys {
            guard let source = sources[ip] else { continue }
            for key in keys {
                guard let first = source.successes[key] else { continue }
                let failures = source.failuresBefore(first, identity: key)
                let users = source.usersBefore(first)
                if failures > (f.bruteForce?.failures ?? 0) { f.bruteForce = (ip, failures) }
                if users > (f.spray?.users ?? 0) { f.spray = (ip, users) }
            }
        }
        if a.authSuccess > 0 {
            let names = Set(thresholds.guestLikeNames)
            f.guestLikeIdentity = a.identities.sorted().first { identity in
                let local = DomainClassifier.localPart(of: identity)
                let bare = local.split(separator: "\\").last.map(String.init) ?? local
                return names.contains(bare)
            }
        }
        return f
    }

    /// The /24 of an IPv4 address or the /48 of an IPv6 one.
    static func network(_ ip: String) -> String {
        if ip.contains(":") { return ip.split(separator: ":", omittingEmptySubsequences: false).prefix(3).joined(separator: ":") }
        return ip.split(separator: ".").prefix(3).joined(separator: ".")
    }

    /// `forged[account][ip]`: forged-sender messages a compromised account sent from `ip`.
    /// `detectors` are the enabled address detectors with their registry position and the
    /// verdict the policy gives their signals.
    static func judge(_ ip: String, _ a: SourceActivity, _ accounts: [String: AccountReport], forged: [String: [String: Int]],
                      thresholds t: LogThresholds, settings: [String: AddressSignalSetting],
                      detectors: [(Int, any AddressDetector, SourceVerdict)], onlyFailedName: String? = nil,
                      infrastructure: Bool = false, owners: Set<String> = []) -> SourceReport {
        var logins: [AddressContext.Login] = []
        var used: [String] = []
        var forgedByAccount: [String: Int] = [:]
        for (identity, first) in a.successes.sorted(by: { $0.key < $1.key }) {
            guard let account = accounts[identity] else { continue }
            if !used.contains(account.user) { used.append(account.user) }
            let success = (time: first.time, failuresBefore: a.failuresBefore(first, identity: identity), usersBefore: a.usersBefore(first))
            logins.append(AddressContext.Login(identity: identity, success: success, account: account))
            if let count = forged[account.user]?[ip] { forgedByAccount[account.user] = count }
        }
        var context = AddressContext(ip: ip, activity: a, thresholds: t, settings: settings, logins: logins, forgedByAccount: forgedByAccount)
        context.onlyFailedName = onlyFailedName
        context.ownerAccounts = owners
        // Signals about the address first, then login by login; within each, in registry order.
        let rank = Dictionary(logins.enumerated().map { ($0.element.identity, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var found: [(login: Int, detector: Int, signal: LogSignal, verdict: SourceVerdict)] = []
        for (index, detector, verdict) in detectors {
            for hit in detector.evaluate(context) {
                found.append((hit.identity.flatMap { rank[$0] } ?? -1, index, hit.signal, verdict))
            }
        }
        found.sort { ($0.login, $0.detector) < ($1.login, $1.detector) }
        var verdict = found.map(\.verdict).max() ?? .clean
        var signals = found.map(\.signal)
        // The server itself, or its helper logging in for every client: what it did is the
        // clients' doing, listed for the record, never held against it.
        if infrastructure {
            verdict = .clean
            signals.insert(LogSignal(id: .serverInfrastructure, detail: "the mail server's own address or its authentication helper "
                                         + "(logs in on other clients' behalf; the policy's infrastructure_addresses, or seen logging "
                                         + "in to itself): never an attacker, never blocked", value: 1, threshold: 1), at: 0)
        }
        return SourceReport(ip: ip, verdict: verdict, activity: a, accounts: used, signals: signals)
    }
}
