import Foundation
import LogAnalysis
import Directory
public import RelayAuditCore

/// `in-use-despite-stale`: the directory calls the account stale, but the mail logs show it
/// authenticating: a service account nobody knew about, or someone else using it. Find its
/// owner before disabling it, and give it a strong password either way. (An account the
/// directory says never logged on is `auth-by-forbidden-account`'s business.)
public struct InUseDespiteStaleCorrelation: Correlation {
    public let id = RuleID.inUseDespiteStale
    public let summary = "The directory calls an account stale but the mail logs show it in use."
    public init() {}

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        context.joined.compactMap { joined in
            guard let account = joined.directory, joined.log.activity.authSuccess > 0,
                  let stale = context.findings(for: account.dn).first(where: { $0.rule == .staleAccount }) else { return nil }
            let addresses = joined.log.activity.allIPs.sorted()
            let last = account.lastLogon.map { " (last logon \($0.iso8601))" } ?? ""
            return CorrelationHit(
                account: account.name, dn: account.dn, logUser: joined.log.user,
                message: "the directory says it is stale\(last), but it authenticated over SMTP \(joined.log.activity.authSuccess) time(s) from \(addresses.prefix(3).joined(separator: ", "))",
                evidence: [("directory_rule", .string(stale.rule.rawValue)), ("auth_success", .int(joined.log.activity.authSuccess)),
                           ("addresses", .strings(addresses))],
                implies: .suspicious)
        }
    }
}

extension RuleID {
    public static let inUseDespiteStale = RuleID("in-use-despite-stale")
}
