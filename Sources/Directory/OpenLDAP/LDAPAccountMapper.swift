public import RelayAuditCore
import Foundation

/// Maps OpenLDAP, 389-ds and FreeIPA user entries into the account model.
///
/// These directories have no "disabled" bit: ppolicy's permanent lock (`pwdAccountLockedTime:
/// 000001010000Z`) and 389's `nsAccountLock: true` play that role. Password age comes from
/// ppolicy's `pwdChangedTime`, FreeIPA's `krbLastPwdChange` or shadow's `shadowLastChange`
/// (days since the epoch), in that order of precision.
public struct LDAPAccountMapper: Sendable {
    /// Keep the stored `userPassword` values on the account (for `--weak-passwords` only).
    public var keepPasswordValues = false
    /// The audit's moment (`--as-of`): a 389-ds lockout is judged against it, so an audit
    /// re-run "as of" a moment gives the same answer whenever it runs.
    public var asOf: Instant

    public init(keepPasswordValues: Bool = false, asOf: Instant) {
        self.keepPasswordValues = keepPasswordValues
        self.asOf = asOf
    }

    /// True for entries that can authenticate as a user.
    public static func isUserAccount(_ entry: DirectoryEntry) -> Bool {
        for objectClass in ["posixAccount", "inetOrgPerson", "shadowAccount", "account", "person", "organizationalPerson", "zimbraAccount"]
            where entry.hasObjectClass(objectClass) {
            return true
        }
        return false
    }

    public func account(from entry: DirectoryEntry) -> Account {
        let name = entry.string("uid") ?? entry.string("cn") ?? entry.dn
        var account = Account(dn: entry.dn, name: name)
        account.displayName = entry.string("displayName") ?? entry.string("cn")
        account.state = .enabled

        if entry.string("nsAccountLock").map({ $0.lowercased() == "true" }) == true {
            account.state = .disabled
        }
        if let locked = entry.string("pwdAccountLockedTime") {
            account.lockedOut = true
            if GeneralizedTime.isPermanentLockSentinel(locked) {
                // Locked until an administrator unlocks it: effectively disabled.
                account.state = .disabled
            } else {
                account.lockedSince = GeneralizedTime.parse(locked)
            }
        }

        if let changed = entry.string("pwdChangedTime").flatMap(GeneralizedTime.parse) {
            account.passwordLastSet = changed
        } else if let changed = entry.string("pwdUpdateTime").flatMap(GeneralizedTime.parse) {
            // 389-ds 1.4.3+: when the password was last set.
            account.passwordLastSet = changed
        } else if let changed = entry.string("krbLastPwdChange").flatMap(GeneralizedTime.parse) {
            account.passwordLastSet = changed
        } else if let days = entry.int64("shadowLastChange") {
            if days > 0 {
                account.passwordLastSet = Instant(seconds: days * 86_400)
            } else {
                account.mustChangePassword = true
            }
        }
        if entry.string("pwdReset").map({ $0.uppercased() == "TRUE" }) == true {
            account.mustChangePassword = true
        }
        if let expiration = entry.string("passwordExpirationTime"), expiration.hasPrefix("20380119031407") {
            // 389-ds writes the end of 32-bit time when the policy's passwordExp is off.
            account.passwordNeverExpires = true
            account.passwordNeverExpiresReason = "passwordExpirationTime \(expiration) (passwordExp off when it was set)"
        }
        if let unlock = entry.string("accountUnlockTime") {
            // 389-ds lockout: 19700101000000Z means until an administrator resets the password.
            let until = GeneralizedTime.parse(unlock)
            if unlock.hasPrefix("19700101000000") || (until.map { $0 > asOf } ?? false) {
                account.lockedOut = true
            }
        }
        if let shadowMax = entry.int64("shadowMax"), shadowMax >= 99_999 {
            account.passwordNeverExpires = true
            account.passwordNeverExpiresReason = "shadowMax \(shadowMax)"
        }

        if let t = entry.string("pwdLastSuccess").flatMap(GeneralizedTime.parse) {
            account.lastLogon = t
            account.lastLogonSource = .pwdLastSuccess
        } else if let t = entry.string("authTimestamp").flatMap(GeneralizedTime.parse) {
            account.lastLogon = t
            account.lastLogonSource = .authTimestamp
        } else if let t = entry.string("krbLastSuccessfulAuth").flatMap(GeneralizedTime.parse) {
            account.lastLogon = t
            account.lastLogonSource = .krbLastSuccessfulAuth
        } else if let t = entry.string("lastLoginTime").flatMap(GeneralizedTime.parse) {
            account.lastLogon = t
            account.lastLogonSource = .lastLoginTime
        }

        if let days = entry.int64("shadowExpire"), days > 0 {
            account.expires = Instant(seconds: days * 86_400)
        } else if let expires = entry.string("krbPrincipalExpiration").flatMap(GeneralizedTime.parse) {
            account.expires = expires
        }
        account.created = entry.string("createTimestamp").flatMap(GeneralizedTime.parse)
        account.changed = entry.string("modifyTimestamp").flatMap(GeneralizedTime.parse)
        account.memberOf = entry.strings("memberOf")
        account.passwordPolicyDN = entry.string("pwdPolicySubentry")
        let failures = entry.values("pwdFailureTime").count
        account.badPasswordCount = failures > 0 ? failures
            : (entry.int64("krbLoginFailedCount") ?? entry.int64("passwordRetryCount")).map { Int($0) }
        var seen = Set<String>()
        account.mail = (entry.strings("mail") + entry.strings("mailAlternateAddress") + entry.strings("mailLocalAddress"))
            .filter { seen.insert($0.lowercased()).inserted }
        for value in entry.values("userPassword") {
            account.passwordStorage.append(PasswordSchemeClassifier.classify(value, attribute: "userPassword"))
            if keepPasswordValues { account.passwordValues.append(value) }
        }
        if ZimbraMapper.isAccount(entry) { ZimbraMapper.apply(entry, to: &account) }
        return account
    }

    /// A 389-ds password policy: the global one (the `cn=config` entry) or a local one
    /// (`objectClass: passwordPolicy`, named by an entry's `pwdpolicysubentry`). Ages are in
    /// seconds; with `passwordExp: off` (389's default) passwords never expire, whatever
    /// `passwordMaxAge` says; with `passwordLockout: off` (the default) guesses are unlimited;
    /// with `passwordCheckSyntax: off` (the default) no minimum length is enforced.
    public func ds389Policy(from entry: DirectoryEntry, isDefault: Bool) -> PasswordPolicyFacts {
        var policy = PasswordPolicyFacts(origin: .ds389, dn: entry.dn, isDefault: isDefault)
        // 389's schema gives most of these a second name (passwordMaxAge is also pwdMaxAge, the
        // ppolicy name): asked for both, the server answers with whichever was asked first.
        func text(_ name: String) -> String? { entry.string(name) ?? entry.string("pwd" + name.dropFirst("password".count)) }
        func number(_ name: String) -> Int64? { text(name).flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) } }
        func on(_ name: String) -> Bool? { text(name).map { ["on", "true", "1"].contains($0.lowercased()) } }
        let expires = on("passwordExp") ?? false
        policy.maxAgeDays = expires ? Int((number("passwordMaxAge") ?? 8_640_000) / 86_400) : 0
        // Length and the other syntax rules apply only with passwordCheckSyntax on (off by default).
        policy.minLength = (on("passwordCheckSyntax") ?? false) ? Int(number("passwordMinLength") ?? 8) : nil
        let lockout = on("passwordLockout") ?? false
        policy.lockoutThreshold = lockout ? Int(number("passwordMaxFailure") ?? 3) : 0
        policy.historyLength = (on("passwordHistory") ?? false) ? number("passwordInHistory").map { Int($0) } ?? 6 : 0
        policy.storageScheme = entry.string("passwordStorageScheme")
        return policy
    }

    /// A FreeIPA Kerberos password policy (`objectClass: krbPwdPolicy`): `krbMaxPwdLife` in
    /// seconds (0 = never expires), `krbPwdMinLength`, `krbPwdMaxFailure` (0 = no lockout),
    /// `krbPwdHistoryLength`. The KDC and IPA's LDAP bind both enforce it.
    public func kerberosPolicy(from entry: DirectoryEntry, isDefault: Bool) -> PasswordPolicyFacts {
        var policy = PasswordPolicyFacts(origin: .kerberos, dn: entry.dn, isDefault: isDefault)
        policy.maxAgeDays = entry.int64("krbMaxPwdLife").map { Int($0 / 86_400) }
        policy.minLength = entry.int64("krbPwdMinLength").map { Int($0) }
        policy.lockoutThreshold = entry.int64("krbPwdMaxFailure").map { Int($0) } ?? 0
        policy.historyLength = entry.int64("krbPwdHistoryLength").map { Int($0) }
        return policy
    }

    /// True for a 389-ds policy entry: a local `passwordPolicy`, or `cn=config` itself.
    public static func isDS389Policy(_ entry: DirectoryEntry) -> Bool {
        // The length test first: this runs for every entry, and a DN key is not cheap.
        entry.hasObjectClass("passwordPolicy") || (entry.dn.utf8.count < 16 && DistinguishedName.key(entry.dn) == "cn=config")
    }

    /// An OpenLDAP ppolicy entry (`objectClass: pwdPolicy`). `pwdMaxAge` is in seconds.
    public func ppolicy(from entry: DirectoryEntry, isDefault: Bool) -> PasswordPolicyFacts {
        var policy = PasswordPolicyFacts(origin: .ppolicy, dn: entry.dn, isDefault: isDefault)
        policy.maxAgeDays = entry.int64("pwdMaxAge").map { Int($0 / 86_400) }
        policy.minLength = entry.int64("pwdMinLength").map { Int($0) }
        let lockout = entry.string("pwdLockout").map { $0.uppercased() == "TRUE" } ?? false
        policy.lockoutThreshold = lockout ? Int(entry.int64("pwdMaxFailure") ?? 0) : 0
        policy.historyLength = entry.int64("pwdInHistory").map { Int($0) }
        return policy
    }
}
