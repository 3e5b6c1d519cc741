import Foundation
import LogAnalysis
import Directory
public import RelayAuditCore

/// `privileged-smtp-auth`: a privileged account (Domain Admins and the other protected groups,
/// Administrator by RID, adminCount) authenticated over SMTP at all. Admin credentials typed into
/// mail clients are exposed to every spray on the submission port.
public struct PrivilegedSMTPAuthCorrelation: Correlation {
    public let id = RuleID.privilegedSMTPAuth
    public let summary = "A privileged account authenticated over SMTP."
    public init() {}

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        context.joined.compactMap { joined in
            guard let account = joined.directory, account.privileged || account.adminCount || account.isBuiltinAdministrator,
                  joined.log.activity.authSuccess > 0 else { return nil }
            let via = account.privileged ? account.privilegedVia.joined(separator: " → ") : "adminCount=1"
            return CorrelationHit(
                account: account.name, dn: account.dn, logUser: joined.log.user,
                message: "a privileged account (\(via)) authenticated over SMTP \(joined.log.activity.authSuccess) time(s) from \(joined.log.activity.allIPs.count) address(es)",
                evidence: [("privileged_via", .strings(account.privilegedVia)), ("auth_success", .int(joined.log.activity.authSuccess)),
                           ("addresses", .strings(joined.log.activity.allIPs.sorted()))],
                implies: joined.log.verdict == .compromised ? .compromised : .none)
        }
    }
}

extension RuleID {
    public static let privilegedSMTPAuth = RuleID("privileged-smtp-auth")
}
