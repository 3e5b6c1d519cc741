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

    let mapper = LDAPAccountMapper()

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
        #expect(shadow.passwordLastSet == Date(timeIntervalSince1970: 20000 * 86_400))
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
        #expect(a.expires == Date(timeIntervalSince1970: 20000 * 86_400))
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
