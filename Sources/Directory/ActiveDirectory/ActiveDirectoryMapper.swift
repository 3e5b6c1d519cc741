public import RelayAuditCore
import Foundation

/// Maps Active Directory (and Samba AD) entries into the account model.
///
/// Semantics follow Microsoft's documentation as summarised in the project's research notes:
/// LOCKOUT and PASSWORD_EXPIRED come from the constructed `msDS-User-Account-Control-Computed`;
/// `userAccountControl` 0 or absent means "unreadable", never "enabled"; `pwdLastSet` 0 means
/// "must change at next logon"; `accountExpires` 0 and `0x7FFFFFFFFFFFFFFF` both mean "never".
public struct ActiveDirectoryMapper: Sendable {
    /// The domain's lockout duration in seconds (nil: until an admin unlocks), used only when
    /// the computed lockout flag was not returned (an LDIF export without it).
    public var lockoutDurationSeconds: Int64?
    /// The moment lockout state is evaluated at.
    public var asOf: Instant

    public init(lockoutDurationSeconds: Int64? = 1800, asOf: Instant) {
        self.lockoutDurationSeconds = lockoutDurationSeconds
        self.asOf = asOf
    }

    /// True for user objects this tool audits: people and service users, not computers,
    /// trusts or managed service accounts.
    public static func isUserAccount(_ entry: DirectoryEntry) -> Bool {
        guard entry.hasObjectClass("user"), !entry.hasObjectClass("computer") else { return false }
        if let uac = entry.int64("userAccountControl"),
           UserAccountControl(rawValue: UInt32(truncatingIfNeeded: uac)).isTrustOrComputer {
            return false
        }
        return true
    }

    public func account(from entry: DirectoryEntry) -> Account {
        let name = entry.string("sAMAccountName") ?? entry.string("cn") ?? entry.dn
        var account = Account(dn: entry.dn, name: name)
        account.displayName = entry.string("displayName")
        account.userPrincipalName = entry.string("userPrincipalName")

        if let sidBytes = entry.values("objectSid").first, let sid = SecurityIdentifier(bytes: sidBytes) {
            account.sid = sid.description
            account.rid = sid.rid
        }

        let uacValue = entry.int64("userAccountControl").map { UInt32(truncatingIfNeeded: $0) }
        if let uacValue, uacValue != 0 {
            let uac = UserAccountControl(rawValue: uacValue)
            account.userAccountControl = uacValue
            account.state = uac.contains(.accountDisable) ? .disabled : .enabled
            account.passwordNeverExpires = uac.contains(.dontExpirePassword)
            if account.passwordNeverExpires { account.passwordNeverExpiresReason = "userAccountControl DONT_EXPIRE_PASSWORD" }
            account.passwordNotRequired = uac.contains(.passwordNotRequired)
            account.reversibleEncryption = uac.contains(.encryptedTextPasswordAllowed)
            account.preauthNotRequired = uac.contains(.dontRequirePreauth)
        } else {
            account.state = .unknown
            account.unreadableAttributes.append("userAccountControl")
        }

        if let computed = entry.int64("msDS-User-Account-Control-Computed") {
            account.lockedOut = UserAccountControl(rawValue: UInt32(truncatingIfNeeded: computed)).contains(.lockout)
        } else if let lockoutTime = entry.int64("lockoutTime"), let since = FileTime.instant(lockoutTime) {
            if let duration = lockoutDurationSeconds {
                account.lockedOut = since.adding(seconds: duration) > asOf
            } else {
                account.lockedOut = true
            }
        }
        if account.lockedOut, let lockoutTime = entry.int64("lockoutTime") {
            account.lockedSince = FileTime.instant(lockoutTime)
        }

        if let pwdLastSet = entry.int64("pwdLastSet") {
            account.passwordLastSet = FileTime.instant(pwdLastSet)
            account.mustChangePassword = pwdLastSet == 0 && !account.passwordNeverExpires
        } else {
            account.unreadableAttributes.append("pwdLastSet")
        }

        let exact = entry.int64("lastLogon").flatMap(FileTime.instant)
        let replicated = entry.int64("lastLogonTimestamp").flatMap(FileTime.instant)
        switch (exact, replicated) {
        case let (e?, r?):
            account.lastLogon = max(e, r)
            account.lastLogonSource = e >= r ? .lastLogon : .lastLogonTimestamp
        case let (e?, nil):
            account.lastLogon = e
            account.lastLogonSource = .lastLogon
        case let (nil, r?):
            account.lastLogon = r
            account.lastLogonSource = .lastLogonTimestamp
        case (nil, nil):
            break
        }

        account.expires = entry.int64("accountExpires").flatMap(FileTime.instant)
        account.created = entry.string("whenCreated").flatMap(GeneralizedTime.parse)
        account.changed = entry.string("whenChanged").flatMap(GeneralizedTime.parse)
        account.adminCount = (entry.int64("adminCount") ?? 0) == 1
        account.memberOf = entry.strings("memberOf")
        account.primaryGroupRID = entry.int64("primaryGroupID").map { UInt32(truncatingIfNeeded: $0) }
        account.servicePrincipalNames = entry.strings("servicePrincipalName")
        account.passwordPolicyDN = entry.string("msDS-ResultantPSO")
        account.badPasswordCount = entry.int64("badPwdCount").map { Int($0) }
        account.mail = Self.mailAddresses(mail: entry.strings("mail"), proxyAddresses: entry.strings("proxyAddresses"))
        // AD keeps `userPassword`/`unixUserPassword` as ordinary attributes: whatever is there
        // is readable by anyone with read access (PingCastle A-UnixPwd).
        for attribute in ["userPassword", "unixUserPassword"] {
            for value in entry.values(attribute) {
                account.passwordStorage.append(PasswordSchemeClassifier.classify(value, attribute: attribute))
            }
        }
        return account
    }

    /// `mail` first, then each `proxyAddresses` SMTP address (the upper-case `SMTP:` one is
    /// primary), without duplicates (compared case-insensitively).
    static func mailAddresses(mail: [String], proxyAddresses: [String]) -> [String] {
        var ordered: [String] = mail
        let smtp = proxyAddresses.filter { $0.lowercased().hasPrefix("smtp:") }
        let primary = smtp.filter { $0.hasPrefix("SMTP:") }
        for proxy in primary + smtp.filter({ !$0.hasPrefix("SMTP:") }) {
            ordered.append(String(proxy.dropFirst(5)))
        }
        var seen = Set<String>()
        return ordered.filter { seen.insert($0.lowercased()).inserted }
    }

    /// The domain password policy from the domain head object (`objectClass: domainDNS`).
    public func domainPolicy(from entry: DirectoryEntry) -> PasswordPolicyFacts {
        var policy = PasswordPolicyFacts(origin: .domain, dn: entry.dn, isDefault: true)
        policy.maxAgeDays = entry.int64("maxPwdAge").map(FileTime.intervalDays)
        policy.minLength = entry.int64("minPwdLength").map { Int($0) }
        policy.lockoutThreshold = entry.int64("lockoutThreshold").map { Int($0) }
        policy.historyLength = entry.int64("pwdHistoryLength").map { Int($0) }
        if let properties = entry.int64("pwdProperties") {
            policy.complexity = properties & 1 != 0
            policy.reversibleEncryption = properties & 16 != 0
        }
        return policy
    }

    /// A fine-grained password policy (`msDS-PasswordSettings`).
    public func fineGrainedPolicy(from entry: DirectoryEntry) -> PasswordPolicyFacts {
        var policy = PasswordPolicyFacts(origin: .fineGrained, dn: entry.dn, isDefault: false)
        policy.maxAgeDays = entry.int64("msDS-MaximumPasswordAge").map(FileTime.intervalDays)
        policy.minLength = entry.int64("msDS-MinimumPasswordLength").map { Int($0) }
        policy.lockoutThreshold = entry.int64("msDS-LockoutThreshold").map { Int($0) }
        policy.historyLength = entry.int64("msDS-PasswordHistoryLength").map { Int($0) }
        policy.complexity = entry.string("msDS-PasswordComplexityEnabled").map { $0.uppercased() == "TRUE" }
        policy.reversibleEncryption = entry.string("msDS-PasswordReversibleEncryptionEnabled").map { $0.uppercased() == "TRUE" }
        return policy
    }

    /// A mapper configured from the domain head object (its `lockoutDuration`); Windows'
    /// default of 30 minutes when the domain object was not read.
    public static func forDomain(_ domain: DirectoryEntry?, asOf: Instant) -> ActiveDirectoryMapper {
        guard let raw = domain?.int64("lockoutDuration") else {
            return ActiveDirectoryMapper(lockoutDurationSeconds: 1800, asOf: asOf)
        }
        return ActiveDirectoryMapper(lockoutDurationSeconds: FileTime.intervalSeconds(raw), asOf: asOf)
    }
}
