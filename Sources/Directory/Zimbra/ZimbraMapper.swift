public import RelayAuditCore

/// Zimbra's directory: OpenLDAP with Zimbra's schema. Its accounts are `inetOrgPerson` +
/// `zimbraAccount` entries, and Zimbra keeps its own bookkeeping instead of ppolicy's:
///
/// - `zimbraAccountStatus`: `active`; `locked` (an administrator locked it: no login) and
///   `closed`, `pending`, `maintenance` (no login either) count as disabled; `lockout` is the
///   failed-login lockout, temporary.
/// - `zimbraPasswordModifiedTime` (the last password set), `zimbraLastLogonTimestamp` (written
///   at most every `zimbraLastLogonTimestampFrequency`, 7 days by default: it lags like AD's
///   lastLogonTimestamp), `zimbraCreateTimestamp`.
/// - `zimbraIsAdminAccount` / `zimbraIsDelegatedAdminAccount` TRUE: an administrator of the mail
///   system (the admin console and `zmprov` through SOAP), whatever its groups.
/// - The login is the mail address: `zimbraMailDeliveryAddress`, and each `zimbraMailAlias`
///   logs in too (Zimbra resolves aliases at authentication).
/// - The password policy is the class of service's (`zimbraCOS` under `cn=cos,cn=zimbra`): the
///   account's `zimbraCOSId`, else its domain's `zimbraDomainDefaultCOSId`, else the COS named
///   `default`. Its attributes carry Zimbra's defaults when unset (attrs.xml): no maximum age,
///   6 characters, no lockout (10 failures when enabled).
public enum ZimbraMapper {
    /// Whether an entry is a Zimbra account (users, calendar resources).
    public static func isAccount(_ entry: DirectoryEntry) -> Bool { entry.hasObjectClass("zimbraAccount") }
    public static func isClassOfService(_ entry: DirectoryEntry) -> Bool { entry.hasObjectClass("zimbraCOS") }
    public static func isDomain(_ entry: DirectoryEntry) -> Bool { entry.hasObjectClass("zimbraDomain") }

    /// Statuses that refuse every login.
    static let closedStatuses: Set<String> = ["locked", "closed", "pending", "maintenance"]

    /// Completes an account the generic LDAP mapper made from a Zimbra entry.
    public static func apply(_ entry: DirectoryEntry, to account: inout Account) {
        if let status = entry.string("zimbraAccountStatus")?.lowercased() {
            if closedStatuses.contains(status) {
                account.state = .disabled
            } else if status == "lockout" {
                account.lockedOut = true
            }
        }
        if let changed = entry.string("zimbraPasswordModifiedTime").flatMap(GeneralizedTime.parse) {
            account.passwordLastSet = changed
        }
        if entry.string("zimbraPasswordMustChange")?.uppercased() == "TRUE" { account.mustChangePassword = true }
        if let last = entry.string("zimbraLastLogonTimestamp").flatMap(GeneralizedTime.parse) {
            account.lastLogon = last
            account.lastLogonSource = .zimbraLastLogonTimestamp
        }
        if account.created == nil { account.created = entry.string("zimbraCreateTimestamp").flatMap(GeneralizedTime.parse) }
        for flag in ["zimbraIsAdminAccount", "zimbraIsDelegatedAdminAccount"] where entry.string(flag)?.uppercased() == "TRUE" {
            account.privileged = true
            account.privilegedVia = [flag]
            account.adminCount = true
            break
        }
        // The addresses that log in: `mail` first, then the delivery address and the aliases, each once.
        var seen = Set<String>()
        account.mail = (account.mail.prefix(1) + entry.strings("zimbraMailDeliveryAddress") + entry.strings("zimbraMailAlias") + account.mail.dropFirst())
            .filter { seen.insert($0.lowercased()).inserted }
        // Zimbra's own system mailboxes (spam/ham training, GAL sync, quarantine) have random
        // passwords and never log in: their age and staleness say nothing.
        if entry.string("zimbraIsSystemAccount")?.uppercased() == "TRUE" || entry.string("zimbraIsSystemResource")?.uppercased() == "TRUE" {
            account.systemAccount = true
        }
    }

    /// The password policy of a class of service.
    public static func policy(from entry: DirectoryEntry, isDefault: Bool) -> PasswordPolicyFacts {
        var policy = PasswordPolicyFacts(origin: .zimbraCOS, dn: entry.dn, isDefault: isDefault)
        policy.maxAgeDays = Int(entry.int64("zimbraPasswordMaxAge") ?? 0)
        policy.minLength = Int(entry.int64("zimbraPasswordMinLength") ?? 6)
        let lockout = entry.string("zimbraPasswordLockoutEnabled")?.uppercased() == "TRUE"
        policy.lockoutThreshold = lockout ? Int(entry.int64("zimbraPasswordLockoutMaxFailures") ?? 10) : 0
        policy.historyLength = entry.int64("zimbraPasswordEnforceHistory").map { Int($0) }
        return policy
    }

    /// The attributes read from a Zimbra directory, besides the generic LDAP ones.
    public static let attributes = [
        "zimbraId", "zimbraAccountStatus", "zimbraPasswordModifiedTime", "zimbraPasswordMustChange", "zimbraLastLogonTimestamp",
        "zimbraCreateTimestamp", "zimbraIsAdminAccount", "zimbraIsDelegatedAdminAccount", "zimbraIsSystemAccount",
        "zimbraIsSystemResource", "zimbraMailDeliveryAddress", "zimbraMailAlias", "zimbraCOSId",
        // classes of service and domains
        "zimbraPasswordMaxAge", "zimbraPasswordMinLength", "zimbraPasswordLockoutEnabled", "zimbraPasswordLockoutMaxFailures",
        "zimbraPasswordEnforceHistory", "zimbraDomainName", "zimbraDomainDefaultCOSId",
    ]

    /// Where Zimbra keeps its classes of service (outside the accounts' naming context).
    public static let classOfServiceBase = "cn=cos,cn=zimbra"
}
