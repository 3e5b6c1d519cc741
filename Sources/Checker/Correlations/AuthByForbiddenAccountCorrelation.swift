import Foundation
import LogAnalysis
import Directory
public import RelayAuditCore

/// `auth-by-forbidden-account`: SMTP AUTH succeeded for an account that should not be able to
/// authenticate at all: the built-in Guest (RID 501), a disabled, expired or locked account, or
/// one the directory says has never logged on. Whoever did it is not its owner. Critical.
public struct AuthByForbiddenAccountCorrelation: Correlation {
    public let id = RuleID.authByForbiddenAccount
    public let summary = "SMTP AUTH succeeded as Guest, or as a disabled, expired, locked or never-used account."
    public init() {}

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        context.joined.compactMap { joined in
            guard let account = joined.directory, joined.log.activity.authSuccess > 0 else { return nil }
            var reasons: [String] = []
            if account.isGuest { reasons.append("it is the built-in Guest account (RID 501)") }
            if account.state == .disabled { reasons.append("it is disabled in the directory") }
            let lastAuth = joined.log.activity.successSources.values.map(\.last).max() ?? joined.log.activity.lastSeen
            if let expires = account.expires, lastAuth > expires {
                reasons.append("it expired on \(expires.iso8601)")
            }
            if account.lockedOut { reasons.append("it is locked out") }
            if account.lastLogonRecorded, account.lastLogon == nil { reasons.append("the directory says it has never logged on") }
            guard !reasons.isEmpty else { return nil }
            return CorrelationHit(
                account: account.name, dn: account.dn, logUser: joined.log.user,
                message: "SMTP AUTH succeeded \(joined.log.activity.authSuccess) time(s) as this account, but \(reasons.joined(separator: "; "))",
                evidence: [("auth_success", .int(joined.log.activity.authSuccess)), ("reasons", .strings(reasons)),
                           ("last_auth", .string(context.iso(lastAuth)))],
                implies: .compromised)
        }
    }
}

extension RuleID {
    public static let authByForbiddenAccount = RuleID("auth-by-forbidden-account")
}
