import Directory
import Foundation
import RelayAuditCore

/// The JSON objects of the `directory` section, in the interface's shape (keys in its order,
/// extra keys after them).
enum DirectoryJSON {
    static func directoryObject(_ section: DirectorySection) -> JSONValue {
        let s = section.snapshot
        return .object([
            ("kind", .string(s.kind.rawValue)),
            ("source", .string(s.source)),
            ("accounts", .int(s.accounts.count)),
            ("policy", policyObject(s)),
            ("base_dn", .optional(s.baseDN)),
            ("groups", .int(s.groupCount)),
            ("unreadable_accounts", .int(s.unreadableAccountCount)),
            ("last_logon_recorded", .bool(s.lastLogonRecorded)),
            ("notes", .strings(s.notes)),
        ])
    }

    static func policyObject(_ snapshot: DirectorySnapshot) -> JSONValue {
        let main = snapshot.defaultPolicy
        var pairs: [(String, JSONValue)] = [
            ("max_password_age_days", .optional(main?.maxAgeDays)),
            ("min_password_length", .optional(main?.minLength)),
            ("lockout_threshold", .optional(main?.lockoutThreshold)),
            ("complexity", .optional(main?.complexity)),
            ("reversible_encryption", .optional(main?.reversibleEncryption)),
            ("history_length", .optional(main?.historyLength)),
            ("dn", .optional(main?.dn)),
        ]
        let others = snapshot.policies.filter { !$0.isDefault }
        pairs.append(("other_policies", .array(others.map(policyFacts))))
        return .object(pairs)
    }

    static func policyFacts(_ p: PasswordPolicyFacts) -> JSONValue {
        .object([
            ("dn", .string(p.dn)),
            ("origin", .string(p.origin.rawValue)),
            ("max_password_age_days", .optional(p.maxAgeDays)),
            ("min_password_length", .optional(p.minLength)),
            ("lockout_threshold", .optional(p.lockoutThreshold)),
            ("complexity", .optional(p.complexity)),
            ("reversible_encryption", .optional(p.reversibleEncryption)),
        ])
    }

    static func accountObject(_ a: Account, asOf: Instant, rules: [String]) -> JSONValue {
        let enabled: JSONValue = a.state == .unknown ? .null : .bool(a.state == .enabled)
        return .object([
            ("id", .string(a.dn)),
            ("name", .string(a.name)),
            ("enabled", enabled),
            ("guest", .bool(a.isGuest)),
            ("privileged", .bool(a.privileged)),
            ("password_last_set", .optional(a.passwordLastSet.map(\.iso8601))),
            ("password_age_days", .optional(a.passwordLastSet.map { asOf.wholeDays(since: $0) })),
            ("last_logon", .optional(a.lastLogon.map(\.iso8601))),
            ("created", .optional(a.created.map(\.iso8601))),
            ("mail", .strings(a.mail)),
            ("state", .string(a.state.rawValue)),
            ("display_name", .optional(a.displayName)),
            ("user_principal_name", .optional(a.userPrincipalName)),
            ("sid", .optional(a.sid)),
            ("rid", .optional(a.rid.map { Int($0) })),
            ("privileged_via", .strings(a.privilegedVia)),
            ("admin_count", .bool(a.adminCount)),
            ("last_logon_source", .optional(a.lastLogonSource?.rawValue)),
            ("password_never_expires", .bool(a.passwordNeverExpires)),
            ("password_not_required", .bool(a.passwordNotRequired)),
            ("must_change_password", .bool(a.mustChangePassword)),
            ("locked_out", .bool(a.lockedOut)),
            ("password_policy", .optional(a.passwordPolicyDN)),
            ("system_account", .bool(a.systemAccount)),
            ("expires", .optional(a.expires.map(\.iso8601))),
            ("service_principal_names", .strings(a.servicePrincipalNames)),
            ("password_storage", .array(a.passwordStorage.map {
                .object([("attribute", .string($0.attribute)), ("scheme", .string($0.scheme)), ("strength", .string($0.strength.rawValue))])
            })),
            ("user_account_control", .optional(a.userAccountControl.map { Int($0) })),
            ("member_of", .strings(a.memberOf)),
            ("findings", .strings(rules)),
        ])
    }

    static func findingObject(_ f: Finding) -> JSONValue {
        .object([
            ("rule", .string(f.rule.rawValue)),
            ("severity", .string(f.severity.rawValue)),
            ("account", .optional(f.account)),
            ("id", .optional(f.dn)),
            ("message", .string(f.message)),
            ("evidence", f.evidence),
        ])
    }
}
