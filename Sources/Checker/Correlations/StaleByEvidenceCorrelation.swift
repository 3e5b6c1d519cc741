import Policy
import LogAnalysis
import Directory
import Foundation
public import RelayAuditCore

/// `stale-by-evidence`: an enabled account with no logon in the directory for the stale window
/// (or never) and no SMTP AUTH in the logs either: two independent sources agree it is unused,
/// so disabling it costs nothing.
public struct StaleByEvidenceCorrelation: Correlation {
    public let id = RuleID.staleByEvidence
    public let summary = "An enabled account shows no logon in the directory and no AUTH in the logs."
    public init() {}

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        // Without a mail account in the logs (none given, or only a DC's audit trail) there is no
        // second source to agree with the directory.
        guard !context.analysis.accounts.isEmpty else { return [] }
        let used = Set(context.joined.compactMap { $0.log.activity.authSuccess > 0 || $0.log.activity.mailboxLogins > 0 ? $0.directory?.dn : nil })
        let cutoff = context.asOf.adding(seconds: -Int64(context.policy.directory.staleAfterDays) * 86_400)
        let days = logDays(context)
        return context.snapshot.accounts.compactMap { account in
            guard account.isEnabled, !account.isGuest, !account.systemAccount, !used.contains(account.dn), account.lastLogonRecorded else { return nil }
            if let last = account.lastLogon, last >= cutoff { return nil }
            if let created = account.created, created >= cutoff { return nil }
            let directory = account.lastLogon.map { "last directory logon \($0.iso8601)" } ?? "never logged on in the directory"
            return CorrelationHit(
                account: account.name, dn: account.dn, logUser: nil,
                message: "\(directory), and no SMTP AUTH in the \(days) day(s) of mail logs: unused, disable it",
                evidence: [("last_logon", .optional(account.lastLogon.map(\.iso8601))), ("log_days", .int(days))])
        }
    }

    /// How many days the logs cover.
    func logDays(_ context: CorrelationContext) -> Int {
        guard let first = context.analysis.accounts.map(\.activity.firstSeen).min(),
              let last = context.analysis.accounts.map(\.activity.lastSeen).max(), last > first else { return 0 }
        return last.wholeDays(since: first) + 1
    }
}

extension RuleID {
    public static let staleByEvidence = RuleID("stale-by-evidence")
}
