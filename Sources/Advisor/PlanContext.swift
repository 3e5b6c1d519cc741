public import Checker
public import Directory
public import LogAnalysis
import MailLogs
public import RelayAuditCore

/// What every plan step reads: the audit's results and the facts several steps share,
/// computed once (the compromised accounts, the ones still open, the attackers, the forged
/// senders), so each step is a few lines that decide and explain.
public struct PlanContext: Sendable {
    public let input: AdvisorInput
    /// The directory targets of the plan's commands (from the directory kind).
    public let directoryTargets: [CommandTarget]
    /// The MTA targets, from the logs that were read.
    public let mailTargets: [CommandTarget]
    /// Verdicts of accounts the attacker used.
    public let compromised: [AuditVerdict]
    /// Compromised accounts whose password was not changed after the abuse (or unknown).
    public let stillOpen: [AuditVerdict]
    /// The directory accounts of `stillOpen`.
    public let openAccounts: [Account]
    /// Accounts created after the incident began (`persistence-account`).
    public let persistence: [Account]
    /// Addresses judged attackers.
    public let attackers: [String]
    /// The log accounts of the compromised verdicts, most suspicious first.
    public let compromisedLogs: [AccountReport]
    /// Compromised log accounts that matched no directory account.
    public let unmatchedLogs: [AccountReport]
    /// The forged envelope senders of the compromised accounts (the first
    /// `sendersPerAccount` of each), to hold and purge.
    public let forgedSenders: [String]

    /// Networks of the password-spray campaigns large enough to block by network, most
    /// addresses first.
    public let campaignNetworks: [String]
    /// Addresses of the campaigns small enough to block address by address.
    public let smallCampaignAddresses: [String]
    /// Directory accounts the campaigns tried, those they got into first.
    public let campaignAccountsTried: [Account]
    /// Whether attackers or campaigns tried the domain controllers themselves (Kerberos, NTLM,
    /// LDAP binds, from their audit trail): the mail server's firewall does not shield those.
    public var domainControllersAttacked: Bool { !dcAttackers.isEmpty || dcCampaignNetworks > 0 }
    /// The addresses to block at the domain controllers: attackers that failed there, and the
    /// addresses of the small campaigns that tried them.
    public let dcAttackers: [String]
    /// Networks of the large campaigns that tried the DCs (blocked by network on the mail
    /// server; named, not listed, for the DCs).
    public let dcCampaignNetworks: Int

    /// Above this many addresses a campaign is blocked by network (an ipset of hash:net and one
    /// rule), not by a rule per address.
    public static let blockByNetworkAbove = 50

    /// The most values one step lists (the JSON keeps them all up to this bound).
    public static let maximumValuesPerStep = 1000
    /// Forged senders per compromised account to hold and purge.
    public static let sendersPerAccount = 20

    public init(_ input: AdvisorInput) {
        self.input = input
        directoryTargets = Self.directoryTargets(input.snapshot.kind)
        mailTargets = Self.mailTargets(input.logFormats, zimbra: input.snapshot.kind == .zimbra)
        compromised = input.checker.verdicts.filter { $0.verdict == .compromised }
        stillOpen = compromised.filter { $0.passwordResetAfterAbuse != true }
        openAccounts = stillOpen.compactMap { $0.dn.flatMap(input.account(dn:)) }
        persistence = input.checker.findings.filter { $0.rule == .persistenceAccount }.compactMap { $0.dn.flatMap(input.account(dn:)) }
        // Never the server itself: its loopback, its own addresses, its authentication helpers
        // (an infrastructure address is never judged an attacker; this holds the plan to it
        // whatever the policy's verdicts say).
        let infrastructure = input.analysis.infrastructure
        attackers = input.analysis.sources.filter { $0.verdict == .attacker && !infrastructure.contains($0.ip) }.map(\.ip)
        let compromisedJoined = input.checker.compromisedJoined
        compromisedLogs = compromisedJoined.map(\.log)
        unmatchedLogs = compromisedJoined.filter { input.checker.verdict(for: $0)?.dn == nil }.map(\.log)
        let campaigns = input.analysis.campaigns
        campaignNetworks = Array(campaigns.filter { $0.addressCount > Self.blockByNetworkAbove }
            .flatMap(\.networks).sorted { $0.addresses > $1.addresses }.map(\.network.description).uniqued()
            .filter { network in !infrastructure.ranges.contains { range in Self.network(network, holds: range) } })
        smallCampaignAddresses = Array(campaigns.filter { $0.addressCount <= Self.blockByNetworkAbove }.flatMap(\.addressSample).uniqued()
            .filter { !infrastructure.contains($0) })
        campaignAccountsTried = CampaignDirectoryMatch.accountsTried(campaigns, in: input.snapshot)
        let directoryBits = Service.allCases.enumerated().filter { $0.element.isDirectory }
            .reduce(UInt16(0)) { $0 | 1 << UInt16($1.offset) }
        let dcCampaigns = campaigns.filter { $0.services.contains { $0.service.isDirectory } }
        dcAttackers = (input.analysis.sources.filter { $0.verdict == .attacker && $0.activity.failedServices & directoryBits != 0 }.map(\.ip)
            + dcCampaigns.filter { $0.addressCount <= Self.blockByNetworkAbove }.flatMap(\.addressSample))
            .uniqued().filter { !infrastructure.contains($0) }
        dcCampaignNetworks = dcCampaigns.filter { $0.addressCount > Self.blockByNetworkAbove }.reduce(0) { $0 + $1.networks.count }
        forgedSenders = Array(compromisedLogs.flatMap { $0.facts.forgedSenders.prefix(Self.sendersPerAccount) }.uniqued()
            .prefix(Self.maximumValuesPerStep))
    }

    /// Whether the network `cidr` holds the first address of `range` (a campaign's /24 around
    /// the server's own address must not be blocked).
    static func network(_ cidr: String, holds range: AddressRange) -> Bool {
        let address = range.description.split(separator: "/").first.map(String.init) ?? range.description
        return AddressRange(cidr)?.contains(address) ?? false
    }

    public var snapshot: DirectorySnapshot { input.snapshot }
    public var analysis: LogAnalysis { input.analysis }
    public var checker: CheckerResult { input.checker }

    /// The account with distinguished name `dn`.
    public func account(dn: String) -> Account? { input.account(dn: dn) }

    /// Directory findings of `rule`.
    public func findings(_ rule: RuleID) -> [Finding] { input.directoryFindings.filter { $0.rule == rule } }

    /// The accounts of the directory findings of `rule`.
    public func accounts(_ rule: RuleID) -> [Account] { findings(rule).compactMap { $0.dn.flatMap(account(dn:)) } }

    /// The accounts of the checker's (correlation) findings of `rule`.
    public func correlatedAccounts(_ rule: RuleID) -> [Account] {
        input.checker.findings.filter { $0.rule == rule }.compactMap { $0.dn.flatMap(account(dn:)) }
    }

    /// Signal ids the compromised accounts raised.
    public var compromisedSignals: Set<SignalID> { Set(compromisedLogs.flatMap { $0.signals.map(\.id) }) }

    static func directoryTargets(_ kind: DirectoryKind) -> [CommandTarget] {
        switch kind {
        case .activeDirectory: [.activeDirectory, .samba]
        case .openldap, .unknown: [.openldap]
        case .ds389: [.ds389]
        case .freeipa: [.freeipa, .ds389]
        case .zimbra: [.zimbra]
        }
    }

    /// Zimbra's MTA is Postfix under /opt/zimbra, configured through zmprov: with a Zimbra
    /// directory or Zimbra's logs, its commands are the `zimbra` target's, not plain Postfix's.
    static func mailTargets(_ formats: Set<String>, zimbra: Bool = false) -> [CommandTarget] {
        var targets: [CommandTarget] = []
        if zimbra || formats.contains("zimbra") {
            targets.append(.zimbra)
        } else if formats.contains("postfix") {
            targets.append(.postfix)
        }
        if formats.contains("exim") { targets.append(.exim) }
        if formats.contains("sendmail") { targets.append(.sendmail) }
        if formats.contains(where: { $0.hasPrefix("exchange") || $0 == "iis-smtp" || $0 == "m365-trace" }) { targets.append(.exchange) }
        return targets
    }
}

extension Array where Element == String {
    /// The strings in order, each once.
    func uniqued() -> [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}

extension Array where Element == Account {
    /// The accounts in order, each distinguished name once.
    func uniquedByDN() -> [Account] {
        var seen = Set<String>()
        return filter { seen.insert($0.dn).inserted }
    }
}
