import Foundation
import LogAnalysis
import Directory
import MailLogs
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

    /// The audit trail's record of the password's last setting (a reset or a change naming the
    /// account, the last one no later than a minute after `pwdLastSet`): who set it, from where.
    /// nil without a trail, or when the trail does not reach that moment.
    static func setting(_ account: Account, _ context: CorrelationContext) -> LogEvent? {
        guard !context.analysis.directoryChanges.isEmpty else { return nil }
        let limit = account.passwordLastSet.map { $0.seconds + 60 } ?? Int64.max
        return DirectoryTrail(context.analysis.directoryChanges).changes(of: account)
            .last { ($0.action == .passwordReset || $0.action == .passwordChanged) && $0.time.seconds <= limit }
    }

    /// " (reset by it.support from 192.0.2.7 on …)": the trail's words for `setting`.
    static func settingText(_ event: LogEvent?, _ context: CorrelationContext) -> String {
        guard let event else { return "" }
        let verb = event.action == .passwordReset ? "reset" : "changed"
        return " (\(verb) \(event.time.iso8601) \(DirectoryTrail.actor(event, names: DirectoryTrail.sidNames(context.snapshot))), per the audit trail)"
    }

    /// The trail's facts about the setting, as evidence.
    static func settingEvidence(_ event: LogEvent?) -> [(String, JSONValue)] {
        guard let event else { return [] }
        return [("password_set_by", .optional(event.user)), ("password_set_from", .optional(event.sourceIP)),
                ("password_set_on", .optional(event.windows?.host)), ("password_set_at", .string(event.time.iso8601))]
    }

    public func evaluate(_ context: CorrelationContext) -> [CorrelationHit] {
        context.joined.compactMap { joined in
            guard joined.log.verdict == .compromised, let account = joined.directory,
                  let reset = Self.resetAfterAbuse(joined, context), !reset,
                  let last = context.lastAbusiveAuth(joined.log) else { return nil }
            let setting = Self.setting(account, context)
            let set = account.passwordLastSet.map { "was last set \($0.iso8601)\(Self.settingText(setting, context)), before" }
                ?? "has never been set, not even after"
            var message = "still usable by the attacker: the password \(set) the last abusive AUTH on \(context.iso(last))"
            // A reset in the middle of the abuse that the attacker outlived: say so, and why it
            // may not have reached the mail server.
            if let changed = account.passwordLastSet, let first = context.firstAbusiveAuth(joined.log), changed > first {
                message = "still usable by the attacker: the password was reset \(changed.iso8601)\(Self.settingText(setting, context)), during the abuse, but the attacker "
                    + "authenticated after it (last \(context.iso(last))): the reset did not stop them. Check that the mail server "
                    + "checks this directory's password (a separate password file or a cached credential keeps the old one)"
            }
            return CorrelationHit(
                account: account.name, dn: account.dn, logUser: joined.log.user,
                message: message,
                evidence: [("password_last_set", .optional(account.passwordLastSet.map(\.iso8601))),
                           ("last_abusive_auth", .string(context.iso(last))), ("password_reset_after_abuse", .bool(false))]
                    + Self.settingEvidence(setting),
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
            let setting = PasswordResetAfterAbuseCorrelation.setting(account, context)
            return CorrelationHit(
                account: account.name, dn: account.dn, logUser: joined.log.user,
                message: "contained: the password was changed \(set.iso8601)\(PasswordResetAfterAbuseCorrelation.settingText(setting, context)), "
                    + "after the last abusive AUTH on \(context.iso(last))",
                evidence: [("password_last_set", .string(set.iso8601)), ("last_abusive_auth", .string(context.iso(last))),
                           ("password_reset_after_abuse", .bool(true))] + PasswordResetAfterAbuseCorrelation.settingEvidence(setting))
        }
    }
}

extension RuleID {
    public static let passwordNotResetAfterAbuse = RuleID("password-not-reset-after-abuse")
    public static let abuseContained = RuleID("abuse-contained")
}
