public import Directory
import Foundation
public import LogAnalysis
public import Policy
public import RelayAuditCore

/// A log account joined to its directory account (when it has one).
public struct JoinedAccount: Sendable {
    /// The account as the logs know it.
    public var log: AccountReport
    /// The directory account, when the identity resolved to exactly one.
    public var directory: Account?
    /// Why it did not resolve, when it did not.
    public var resolution: IdentityIndex.Resolution
}

/// Everything a correlation may read.
public struct CorrelationContext: Sendable {
    public var snapshot: DirectorySnapshot
    public var directoryFindings: [Finding]
    public var analysis: LogAnalysis
    public var policy: AuditPolicy
    public var asOf: Instant
    public var timeline: IncidentTimeline
    public var joined: [JoinedAccount]
    /// Fingerprints (`LoginHash`) of the usernames the attacking addresses and the
    /// password-spray campaigns tried.
    public var sprayedNames: Set<UInt64>

    public init(snapshot: DirectorySnapshot, directoryFindings: [Finding], analysis: LogAnalysis, policy: AuditPolicy, asOf: Instant) {
        self.snapshot = snapshot
        self.directoryFindings = directoryFindings
        self.analysis = analysis
        self.policy = policy
        self.asOf = asOf
        timeline = IncidentTimeline(analysis: analysis)
        sprayedNames = Set(analysis.sources.filter { $0.verdict == .attacker }.flatMap(\.activity.tries.hashes))
        for campaign in analysis.campaigns { sprayedNames.formUnion(campaign.tried.keys) }
        let index = IdentityIndex(snapshot: snapshot)
        let own = Set(analysis.ownDomains)
        joined = analysis.accounts.map { report in
            var resolution = IdentityIndex.Resolution.notFound
            for identity in report.activity.identities.sorted() {
                let candidate = index.resolve(identity, ownDomains: own)
                if case .account = candidate { resolution = candidate; break }
                if case .ambiguous = candidate { resolution = candidate }
            }
            if case .notFound = resolution { resolution = index.resolve(report.user, ownDomains: own) }
            var directory: Account?
            if case let .account(i) = resolution { directory = snapshot.accounts[i] }
            return JoinedAccount(log: report, directory: directory, resolution: resolution)
        }
    }

    /// The last successful AUTH of `account` the attribution gives the attacker (or, when it
    /// gives none, its last one that was not its owner's nor the server's own helper's; nil
    /// when every login was the owner's).
    public func lastAbusiveAuth(_ account: AccountReport) -> Instant? {
        let windows = account.activity.successSources.filter { !analysis.infrastructure.contains($0.key) }
        let labels = windows.map { (analysis.attribution.label(account: account.user, address: $0.key), $0.value.last) }
        return labels.filter { $0.0 == .attacker }.map(\.1).max() ?? labels.filter { $0.0 != .owner }.map(\.1).max()
    }

    /// The first successful AUTH of `account` the attribution gives the attacker (with the
    /// same fallback as `lastAbusiveAuth`).
    public func firstAbusiveAuth(_ account: AccountReport) -> Instant? {
        let windows = account.activity.successSources.filter { !analysis.infrastructure.contains($0.key) }
        let labels = windows.map { (analysis.attribution.label(account: account.user, address: $0.key), $0.value.first) }
        return labels.filter { $0.0 == .attacker }.map(\.1).min() ?? labels.filter { $0.0 != .owner }.map(\.1).min()
    }

    public func iso(_ moment: Instant) -> String { moment.iso8601 }

    /// Directory findings about the account with DN `dn`.
    public func findings(for dn: String) -> [Finding] { directoryFindings.filter { $0.dn == dn } }
}
