import LogAnalysis
import MailLogs
import RelayAuditCore

/// What every renderer says about a password-spray campaign, as plain sentences (each renderer
/// escapes them for where they land): its span, its size, what it hit, what it got into.
struct CampaignSummary {
    let campaign: Campaign

    static let listedNetworks = 5
    static let listedUsernames = 10

    var title: String {
        "Campaign \(campaign.number): password spray, \(campaign.first.iso8601) → \(campaign.last.iso8601) (\(Self.duration(campaign.last.seconds - campaign.first.seconds)))"
    }

    /// "7563 failed logins from 5040 addresses in 60 networks (60 IPv4 /24, …)".
    var size: String {
        let counts = campaign.networkCounts
        var networks = ["\(counts.v4Slash24) IPv4 /24"]
        if counts.v6Slash64 > 0 { networks.append("\(counts.v6Slash64) IPv6 /64 in \(counts.v6Slash48) /48") }
        let names = campaign.usernamesEstimated ? "about \(campaign.usernameCount) usernames (estimated)" : "\(campaign.usernameCount) usernames"
        return "\(campaign.failures) failed logins from \(campaign.addressCount) addresses in \(counts.v4Slash24 + counts.v6Slash64) networks"
            + " (\(networks.joined(separator: ", "))) · \(names), \(campaign.accountsTried.count) of them accounts that log in here"
    }

    /// "services: submission 3528, imap 1512 · reasons: unknown user 4000, wrong password 1040".
    var hits: String {
        "addresses per service: " + campaign.services.map { "\($0.service.rawValue) \($0.addresses)" }.joined(separator: ", ")
            + (campaign.reasons.isEmpty ? "" : " · per failure reason: " + campaign.reasons.map { "\($0.reason) \($0.addresses)" }.joined(separator: ", "))
    }

    var networks: String {
        "networks: " + campaign.networks.prefix(Self.listedNetworks).map { "\($0.network) (\($0.addresses))" }.joined(separator: ", ")
            + (campaign.networks.count > Self.listedNetworks ? ", … \(campaign.networks.count - Self.listedNetworks) more" : "")
    }

    var usernames: String {
        "most tried: " + campaign.topUsernames.prefix(Self.listedUsernames).map { "\($0.name) (\($0.failures))" }.joined(separator: ", ")
    }

    /// The accounts it got into (its own addresses or networks), one sentence each.
    var entered: [String] {
        campaign.entered.filter { $0.memberAddress || $0.memberNetwork }.map { entry in
            "\(entry.account): \(entry.kind) \(entry.how) at \(entry.time.iso8601), "
                + "after \(entry.failuresOnAccount) failed tr\(entry.failuresOnAccount == 1 ? "y" : "ies") on it"
        }
    }

    /// Accounts that logged in afterwards from a network new to them (listed, not judged).
    var newNetworkLogins: String? {
        let names = campaign.entered.filter { !$0.memberAddress && !$0.memberNetwork }.map(\.account)
        guard !names.isEmpty else { return nil }
        return "\(names.count) account(s) it tried logged in afterwards from a network new to them (not counted against them): "
            + names.prefix(10).joined(separator: ", ") + (names.count > 10 ? ", …" : "")
    }

    static func duration(_ seconds: Int64) -> String {
        if seconds >= 2 * 86_400 { return "\(seconds / 86_400) days" }
        if seconds >= 2 * 3_600 { return "\(seconds / 3_600) hours" }
        return "\(max(1, seconds / 60)) minutes"
    }

    /// "998652 distinct usernames failed (an estimate) · 1000000 failures; most tried, never
    /// logged in: …".
    static func failedUsernames(_ f: FailedUsernamesSummary) -> String? {
        guard f.distinct > 0 else { return nil }
        let distinct = f.isEstimate ? "about \(f.distinct) distinct usernames failed (an estimate)" : "\(f.distinct) distinct usernames failed"
        return "\(distinct), \(f.failures) times; \(f.neverLoggedIn) never logged in"
            + (f.top.isEmpty ? "" : ". Most tried of those: " + f.top.prefix(listedUsernames).map { "\($0.spelling) (\($0.failures))" }.joined(separator: ", "))
    }
}
