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

    /// The login windows of `account` that were abuse: those the attribution gives the attacker,
    /// or, when it gives none, those that were neither its owner's nor the server's own
    /// helper's (none when every login was the owner's).
    func abusiveWindows(_ account: AccountReport) -> [SuccessWindow] {
        let labelled = account.activity.successSources.filter { !analysis.infrastructure.contains($0.key) }
            .map { (label: analysis.attribution.label(account: account.user, address: $0.key), window: $0.value) }
        let attacker = labelled.filter { $0.label == .attacker }
        return (attacker.isEmpty ? labelled.filter { $0.label != .owner } : attacker).map(\.window)
    }

    /// The last abusive successful AUTH of `account` (see `abusiveWindows`).
    public func lastAbusiveAuth(_ account: AccountReport) -> Instant? { abusiveWindows(account).map(\.last).max() }

    /// The first abusive successful AUTH of `account` (see `abusiveWindows`).
    public func firstAbusiveAuth(_ account: AccountReport) -> Instant? { abusiveWindows(account).map(\.first).min() }

    public func iso(_ moment: Instant) -> String { moment.iso8601 }

    /// Directory findings about the account with DN `dn`.
    public func findings(for dn: String) -> [Finding] { directoryFindings.filter { $0.dn == dn } }
}
