import Foundation
import LogAnalysis
import MailLogs
import RelayAuditCore

/// The JSON objects of the `logs` section, in the interface's shape.
enum LogsJSON {
    /// A first/last-seen moment; the sentinels of "not seen" are null.
    static func time(_ value: Instant) -> JSONValue {
        value == .distantFuture || value == .distantPast ? .null : .string(value.iso8601)
    }

    static func input(_ section: LogsSection) -> JSONValue {
        let i = section.input
        return .object([
            ("files", .strings(i.files)),
            ("lines", .int(i.lines)),
            ("events", .int(i.events)),
            ("unrecognized_lines", .int(i.unrecognizedLines)),
            ("overlong_lines", .int(i.overlongLines)),
            ("own_domains", .strings(section.analysis.ownDomains)),
            ("own_domains_inferred", .bool(section.analysis.ownDomainsInferred)),
            ("warnings", .strings(i.warnings)),
            ("server_software", .array(i.serverSoftware.map { software in
                .object([("product", .string(software.product)), ("version", .string(software.version)), ("started", .string(software.time.iso8601)),
                         ("file", software.file.map(JSONValue.string) ?? .null), ("offset", .int(Int(software.offset)))])
            })),
        ])
    }

    static func signal(_ s: LogSignal) -> JSONValue {
        .object([("id", .string(s.id.rawValue)), ("detail", .string(s.detail)), ("value", number(s.value)), ("threshold", number(s.threshold))])
    }

    static func number(_ value: Double) -> JSONValue {
        value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .double(value)
    }

    static func account(_ r: AccountReport, attribution: Attribution = Attribution()) -> JSONValue {
        let a = r.activity, f = r.facts
        let senders = a.senders.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5)
        // Whose logins came from where, and the evidence that decided it (addresses not listed
        // are undecided).
        let logins = attribution.pairs(of: r.user).map { pair in
            JSONValue.object([("address", .string(pair.address)), ("by", .string(pair.label.rawValue)), ("reason", .string(pair.reason))])
        }
        return .object([
            ("user", .string(r.user)),
            ("verdict", .string(r.verdict.rawValue)),
            ("score", .double(r.score)),
            ("auth_success", .int(a.authSuccess)),
            ("auth_failure", .int(a.authFailure)),
            ("distinct_ips", .int(a.distinctIPs)),
            ("messages", .int(a.messages)),
            ("recipients", .int(a.recipients)),
            ("external_domains", .int(f.externalDomains)),
            ("ndr", .int(a.ndr)),
            ("first_seen", time(a.firstSeen)),
            ("last_seen", time(a.lastSeen)),
            ("signals", .array(r.signals.map(signal))),
            ("identities", .strings(a.identities.sorted())),
            ("max_ips_per_day", .int(f.maxIPsPerDay)),
            ("max_networks_per_day", .int(f.maxNetworksPerDay)),
            ("max_messages_per_hour", .int(f.maxMessagesPerHour)),
            ("max_recipients_per_hour", .int(f.maxRecipientsPerHour)),
            ("external_recipients", .int(f.externalRecipients)),
            ("forged_sender_messages", .int(f.forgedSenderMessages)),
            ("bounced_percent", .int(f.bouncePercent)),
            ("mailbox_logins", .int(a.mailboxLogins)),
            ("logins_by", .array(logins)),
            ("top_senders", .array(senders.map { .object([("address", .string($0.key)), ("messages", .int($0.value))]) })),
        ])
    }

    static func source(_ r: SourceReport) -> JSONValue {
        let a = r.activity
        return .object([
            ("ip", .string(r.ip)),
            ("auth_failure", .int(a.authFailure)),
            ("users_tried", .int(a.usersTried)),
            ("auth_success", .int(a.authSuccess)),
            ("verdict", .string(r.verdict.rawValue)),
            ("signals", .array(r.signals.map(signal))),
            ("accounts", .strings(r.accounts)),
            ("relay_denied", .int(a.relayDenied)),
            ("first_seen", time(a.firstSeen)),
            ("last_seen", time(a.lastSeen)),
            ("mailbox_logins", .int(a.mailboxLogins)),
            ("campaign", a.campaign > 0 ? .int(Int(a.campaign)) : .null),
        ])
    }

    static func campaign(_ c: Campaign) -> JSONValue {
        .object([
            ("id", .string(c.id.rawValue)),
            ("number", .int(c.number)),
            ("first", .string(c.first.iso8601)),
            ("last", .string(c.last.iso8601)),
            ("failures", .int(c.failures)),
            ("addresses", .int(c.addressCount)),
            ("networks_v4_24", .int(c.networkCounts.v4Slash24)),
            ("networks_v6_64", .int(c.networkCounts.v6Slash64)),
            ("networks_v6_48", .int(c.networkCounts.v6Slash48)),
            ("usernames", .int(c.usernameCount)),
            ("usernames_estimated", .bool(c.usernamesEstimated)),
            ("reasons", .array(c.reasons.map { .object([("reason", .string($0.reason)), ("addresses", .int($0.addresses))]) })),
            ("services", .array(c.services.map { .object([("service", .string($0.service.rawValue)), ("addresses", .int($0.addresses))]) })),
            ("accounts_tried", .strings(c.accountsTried)),
            ("accounts_entered", .array(c.entered.map(entry))),
            ("top_usernames", .array(c.topUsernames.map {
                .object([("name", .string($0.name)), ("failures", .int($0.failures)), ("addresses", .int($0.addresses)),
                         ("logged_in", .bool($0.loggedIn))])
            })),
            // Every network, for blocking (`jq -r '.campaigns[0].networks[].network'`).
            ("networks", .lazyArray(LazyJSONArray(c.networks) { n in
                .object([("network", .string(n.network.description)), ("addresses", .int(n.addresses)), ("failures", .int(n.failures))])
            })),
        ])
    }

    static func entry(_ e: CampaignEntry) -> JSONValue {
        .object([
            ("account", .string(e.account)),
            ("identity", .string(e.identity)),
            ("address", .string(e.address)),
            ("time", .string(e.time.iso8601)),
            ("service", .string(e.directory ? "directory" : e.mailbox ? "mailbox" : "smtp")),
            ("campaign_address", .bool(e.memberAddress)),
            ("campaign_network", .bool(e.memberNetwork)),
            ("failures_on_account", .int(e.failuresOnAccount)),
            ("first_try", .string(e.firstTry.iso8601)),
        ])
    }

    static func failedUsernames(_ f: FailedUsernamesSummary) -> JSONValue {
        .object([
            ("distinct", .int(f.distinct)),
            ("estimated", .bool(f.isEstimate)),
            ("failures", .int(f.failures)),
            ("never_logged_in", .int(f.neverLoggedIn)),
            ("top", .array(f.top.map { .object([("name", .string($0.spelling)), ("failures", .int($0.failures)), ("addresses", .int($0.addresses))]) })),
        ])
    }

    static func object(_ section: LogsSection) -> [(String, JSONValue)] {
        [
            ("input", input(section)),
            ("accounts", .lazyArray(LazyJSONArray(section.analysis.accounts) { account($0, attribution: section.analysis.attribution) })),
            ("sources", .lazyArray(LazyJSONArray(section.analysis.sources, source))),
            ("campaign_addresses_not_listed", .int(section.analysis.campaignMembersFolded)),
            ("campaigns", .array(section.analysis.campaigns.map(campaign))),
            ("failed_usernames", failedUsernames(section.analysis.failedUsernames)),
        ]
    }
}
