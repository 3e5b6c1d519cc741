import RelayAuditCore
import Directory
import Foundation
import Testing

struct LDAPAccountMapperTests {
    func entry(_ attributes: [String: [String]]) -> DirectoryEntry {
        var e = DirectoryEntry(dn: "uid=x,ou=people,dc=example,dc=org")
        e.append("objectClass", [Array("inetOrgPerson".utf8)])
        for (k, v) in attributes { e.append(k, v.map { Array($0.utf8) }) }
        return e
    }

    let mapper = LDAPAccountMapper(asOf: Instant(seconds: 1_795_000_000))

    @Test func thePermanentPPolicyLockDisablesTheAccount() {
        let a = mapper.account(from: entry(["uid": ["x"], "pwdAccountLockedTime": ["000001010000Z"]]))
        #expect(a.state == .disabled && a.lockedOut && a.lockedSince == nil)
        let temporary = mapper.account(from: entry(["uid": ["x"], "pwdAccountLockedTime": ["20261128000000Z"]]))
        #expect(temporary.state == .enabled && temporary.lockedOut && temporary.lockedSince != nil)
    }

    @Test func nsAccountLockDisables() {
        #expect(mapper.account(from: entry(["uid": ["x"], "nsAccountLock": ["TRUE"]])).state == .disabled)
        #expect(mapper.account(from: entry(["uid": ["x"], "nsAccountLock": ["false"]])).state == .enabled)
    }

    @Test func passwordAgePrefersPPolicyThenKerberosThenShadow() {
        let shadow = mapper.account(from: entry(["uid": ["x"], "shadowLastChange": ["20000"], "shadowMax": ["99999"]]))
        #expect(shadow.passwordLastSet == Instant(seconds: 20000 * 86_400))
        #expect(shadow.passwordNeverExpires)
        let both = mapper.account(from: entry(["uid": ["x"], "shadowLastChange": ["20000"], "pwdChangedTime": ["20261101000000Z"]]))
        #expect(both.passwordLastSet == GeneralizedTime.parse("20261101000000Z"))
        #expect(mapper.account(from: entry(["uid": ["x"], "shadowLastChange": ["0"]])).mustChangePassword)
        #expect(mapper.account(from: entry(["uid": ["x"], "pwdReset": ["TRUE"]])).mustChangePassword)
    }

    @Test func lastBindDataWhenPresent() {
        let a = mapper.account(from: entry(["uid": ["x"], "authTimestamp": ["20261120000000Z"]]))
        #expect(a.lastLogonSource == .authTimestamp)
        #expect(mapper.account(from: entry(["uid": ["x"]])).lastLogon == nil)
    }

    @Test func mailAliasesAndExpiry() {
        let a = mapper.account(from: entry(["uid": ["x"], "mail": ["x@example.org"], "mailAlternateAddress": ["X@example.org", "xx@example.org"],
                                            "shadowExpire": ["20000"]]))
        #expect(a.mail == ["x@example.org", "xx@example.org"])
        #expect(a.expires == Instant(seconds: 20000 * 86_400))
    }

    @Test func readsAPPolicyEntryInSeconds() {
        var e = DirectoryEntry(dn: "cn=default,ou=policies,dc=example,dc=org")
        for (k, v) in ["pwdMaxAge": "7776000", "pwdMinLength": "6", "pwdLockout": "TRUE", "pwdMaxFailure": "5"] { e.append(k, [Array(v.utf8)]) }
        let p = mapper.ppolicy(from: e, isDefault: true)
        #expect(p.maxAgeDays == 90 && p.minLength == 6 && p.lockoutThreshold == 5)
        var noLockout = e
        noLockout.append("pwdLockout", [])
        var off = DirectoryEntry(dn: "cn=x")
        off.append("pwdLockout", [Array("FALSE".utf8)])
        #expect(mapper.ppolicy(from: off, isDefault: false).lockoutThreshold == 0)
    }
}

struct PasswordSchemeClassifierTests {
    @Test(arguments: [
        ("secret", "CLEARTEXT", PasswordStorage.Strength.cleartext),
        ("{CLEARTEXT}secret", "CLEARTEXT", .cleartext),
        ("{clear}secret", "CLEARTEXT", .cleartext),
        ("", "CLEARTEXT", .cleartext),
        ("{SSHA}2tUlddnMT2DsQNhL18uCEOBXfkAofQQw", "SSHA", .weak),
        ("{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=", "SHA", .weak),
        ("{MD5}CY9rzUYh03PK3k6DJie09g==", "MD5", .weak),
        ("{SMD5}abc", "SMD5", .weak),
        ("{CRYPT}21CAplOLEsGLE", "CRYPT-DES", .weak),
        ("{CRYPT}$1$xqR37a5j$e5j/ONPlI552mOCiNSQDC.", "CRYPT-MD5", .weak),
        ("{crypt}$6$Twuz3NOQ$hZyjXyDh8", "CRYPT-SHA512", .strong),
        ("{CRYPT}$5$abc$def", "CRYPT-SHA256", .strong),
        ("{CRYPT}$y$j9T$abc$def", "CRYPT-YESCRYPT", .strong),
        ("{CRYPT}$2y$10$abcdef", "CRYPT-BCRYPT", .strong),
        ("{SSHA512}abc", "SSHA512", .strong),
        ("{PBKDF2_SHA256}10000$abc$def", "PBKDF2-SHA256", .strong),  // 389-ds 1.4's spelling
        ("{PBKDF2-SHA512}10000$abc", "PBKDF2-SHA512", .strong),
        ("{ARGON2}$argon2id$v=19$m=65536", "ARGON2", .strong),
        ("{SASL}alice@EXAMPLE.ORG", "SASL", .strong),
        ("{WHATEVER}x", "WHATEVER", .weak),
    ])
    func classifies(_ value: String, _ scheme: String, _ strength: PasswordStorage.Strength) {
        let storage = PasswordSchemeClassifier.classify(Array(value.utf8), attribute: "userPassword")
        #expect(storage.scheme == scheme)
        #expect(storage.strength == strength)
    }

}

/// 389-ds policies and account state.
extension LDAPAccountMapperTests {
    func policy(_ dn: String, _ attributes: [String: [String]]) -> DirectoryEntry {
        var e = DirectoryEntry(dn: dn)
        e.append("objectClass", [Array("passwordPolicy".utf8), Array("ldapsubentry".utf8)])
        for (k, v) in attributes { e.append(k, v.map { Array($0.utf8) }) }
        return e
    }

    @Test func ds389PoliciesFollowTheServersDefaultsAndSwitches() {
        // passwordExp off (the default): never expires, whatever passwordMaxAge says; no syntax
        // check: no minimum length; lockout off: unlimited guesses.
        let defaults = mapper.ds389Policy(from: policy("cn=config", ["passwordMaxAge": ["7776000"], "passwordMinLength": ["12"]]), isDefault: true)
        #expect(defaults.maxAgeDays == 0 && defaults.minLength == nil && defaults.lockoutThreshold == 0)
        let strict = mapper.ds389Policy(from: policy("cn=strict", ["passwordExp": ["on"], "passwordMaxAge": ["7776000"], "passwordCheckSyntax": ["on"],
                                                                   "passwordMinLength": ["12"], "passwordLockout": ["on"], "passwordMaxFailure": ["5"],
                                                                   "passwordStorageScheme": ["PBKDF2-SHA512"]]), isDefault: false)
        #expect(strict.maxAgeDays == 90 && strict.minLength == 12 && strict.lockoutThreshold == 5 && strict.storageScheme == "PBKDF2-SHA512")
        // Asked for both names, 389 answers with the ppolicy alias (pwdMaxAge for passwordMaxAge).
        let aliased = mapper.ds389Policy(from: policy("cn=aliased", ["passwordExp": ["on"], "pwdMaxAge": ["864000"], "passwordCheckSyntax": ["on"],
                                                                     "pwdMinLength": ["10"], "pwdLockOut": ["on"], "pwdMaxFailure": ["3"]]), isDefault: false)
        #expect(aliased.maxAgeDays == 10 && aliased.minLength == 10 && aliased.lockoutThreshold == 3)
        #expect(LDAPAccountMapper.isDS389Policy(policy("cn=strict", [:])))
        #expect(LDAPAccountMapper.isDS389Policy(DirectoryEntry(dn: "CN=Config")))
    }

    @Test func freeIPAKerberosPolicies() {
        var global = DirectoryEntry(dn: "cn=global_policy,cn=IPA.EXAMPLE,cn=kerberos,dc=ipa,dc=example")
        for (k, v) in ["objectClass": "krbPwdPolicy", "krbMaxPwdLife": "7776000", "krbPwdMinLength": "8", "krbPwdMaxFailure": "6",
                       "krbPwdHistoryLength": "0"] { global.append(k, [Array(v.utf8)]) }
        let p = mapper.kerberosPolicy(from: global, isDefault: true)
        #expect(p.origin == .kerberos && p.maxAgeDays == 90 && p.minLength == 8 && p.lockoutThreshold == 6 && p.historyLength == 0)
        var lax = DirectoryEntry(dn: "cn=svc")
        lax.append("krbMaxPwdLife", [Array("0".utf8)])
        #expect(mapper.kerberosPolicy(from: lax, isDefault: false).maxAgeDays == 0)
        #expect(mapper.kerberosPolicy(from: lax, isDefault: false).lockoutThreshold == 0, "no krbPwdMaxFailure: no lockout")
    }

    @Test func ds389AccountState() {
        let never = mapper.account(from: entry(["uid": ["x"], "passwordExpirationTime": ["20380119031407Z"], "pwdUpdateTime": ["20250101000000Z"]]))
        #expect(never.passwordNeverExpires && never.passwordLastSet == GeneralizedTime.parse("20250101000000Z"))
        let expiring = mapper.account(from: entry(["uid": ["x"], "passwordExpirationTime": ["20270101000000Z"]]))
        #expect(!expiring.passwordNeverExpires)
        let locked = mapper.account(from: entry(["uid": ["x"], "accountUnlockTime": ["19700101000000Z"], "passwordRetryCount": ["5"]]))
        #expect(locked.lockedOut && locked.badPasswordCount == 5 && locked.state == .enabled)
        let unlocked = mapper.account(from: entry(["uid": ["x"], "accountUnlockTime": ["20200101000000Z"]]))
        #expect(!unlocked.lockedOut, "an unlock time in the past: the lock has lapsed")
        // Judged as of the audit's moment, not the clock: the same export read "as of" a
        // moment gives the same answer whenever it runs.
        let timed = entry(["uid": ["x"], "accountUnlockTime": ["20261117080000Z"]])
        #expect(LDAPAccountMapper(asOf: GeneralizedTime.parse("20261117073000Z")!).account(from: timed).lockedOut)
        #expect(!LDAPAccountMapper(asOf: GeneralizedTime.parse("20261117083000Z")!).account(from: timed).lockedOut)
        let login = mapper.account(from: entry(["uid": ["x"], "lastLoginTime": ["20261120000000Z"]]))
        #expect(login.lastLogonSource == .lastLoginTime && login.lastLogon == GeneralizedTime.parse("20261120000000Z"))
    }
}
