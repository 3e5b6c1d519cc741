import Foundation
import LogAnalysis
import Directory
public import RelayAuditCore

/// `password-not-reset-after-abuse` / `abuse-contained`: a compromised account whose password
/// was last set before its last abusive AUTH is still usable by the attacker (critical); one
/// whose password was set after is noted as contained.
public struct PasswordResetAfterAbuseCorrelation: Correlation {
    public let id = RuleID.passwordNotResetAfterAbuse
    public let summary = "A compromised account's password was not changed after its last abusive AUTH."
    public init() {}

    /// Whether the account's password was set after its last abusive AUTH; nil when unknown.
    public static func resetAfterAbuse(_ joined: JoinedAccount, _ context: CorrelationContext) -> Bool? {
        guard let account = joined.directory, let last = context.lastAbusiveAuth(joined.log) else { return nil }
        guard let set = account.passwordLastSet else {
            // Never set (AD pwdLastSet 0 without must-change, Guest): not reset.
            return account.unreadableAttributes.contains("pwdLastSet") ? nil : false
        }
        return set > last
    }

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        context.joined.compactMap { joined in
            guard joined.log.verdict == .compromised, let account = joined.directory,
                  let reset = Self.resetAfterAbuse(joined, context), !reset,
                  let last = context.lastAbusiveAuth(joined.log) else { return nil }
            let set = account.passwordLastSet.map { "was last set \($0.iso8601), before" } ?? "has never been set, not even after"
            var message = "still usable by the attacker: the password \(set) the last abusive AUTH on \(context.iso(last))"
            // A reset in the middle of the abuse that the attacker outlived: say so, and why it
            // may not have reached the mail server.
            if let changed = account.passwordLastSet, let first = context.firstAbusiveAuth(joined.log), changed > first {
                message = "still usable by the attacker: the password was reset \(changed.iso8601), during the abuse, but the attacker "
                    + "authenticated after it (last \(context.iso(last))): the reset did not stop them. Check that the mail server "
                    + "checks this directory's password (a separate password file or a cached credential keeps the old one)"
            }
            return CorrelationHit(
                account: account.name, dn: account.dn, logUser: joined.log.user,
                message: message,
                evidence: [("password_last_set", .optional(account.passwordLastSet.map(\.iso8601))),
                           ("last_abusive_auth", .string(context.iso(last))), ("password_reset_after_abuse", .bool(false))],
                implies: .compromised)
        }
    }
}

/// `abuse-contained`: the other half of the check above, kept as its own id so policies can
/// rate it: the password was changed after the last abusive AUTH.
public struct AbuseContainedCorrelation: Correlation {
    public let id = RuleID.abuseContained
    public let summary = "A compromised account's password was changed after its last abusive AUTH."
    public init() {}

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        context.joined.compactMap { joined in
            guard joined.log.verdict == .compromised, let account = joined.directory,
                  PasswordResetAfterAbuseCorrelation.resetAfterAbuse(joined, context) == true,
                  let set = account.passwordLastSet, let last = context.lastAbusiveAuth(joined.log) else { return nil }
            return CorrelationHit(
                account: account.name, dn: account.dn, logUser: joined.log.user,
                message: "contained: the password was changed \(set.iso8601), after the last abusive AUTH on \(context.iso(last))",
                evidence: [("password_last_set", .string(set.iso8601)), ("last_abusive_auth", .string(context.iso(last))),
                           ("password_reset_after_abuse", .bool(true))])
        }
    }
}

extension RuleID {
    public static let passwordNotResetAfterAbuse = RuleID("password-not-reset-after-abuse")
    public static let abuseContained = RuleID("abuse-contained")
}
