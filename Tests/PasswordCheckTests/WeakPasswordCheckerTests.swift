import Directory
import Foundation
import PasswordCheck
import Testing

/// Hash vectors written with Python's hashlib and crypt (independent of the code under test).
struct WeakPasswordCheckerTests {
    static let list = ["123456", "Password1", "qwerty123", "letmein", "Welcome1", "Summer2026!", "changeme"]

    @Test(arguments: [
        ("{SHA}0xj0Rznc7WZ5OxpgMCgTOnauaA4=", WeakPasswordChecker.Outcome.listed),                       // Welcome1
        ("{SSHA}x9D5/IWpnT+QKJ5uYPdfGDKM1LtzYWx0c2FsdA==", .listed),                                      // Summer2026!
        ("{MD5}KsnLfcArPACD63CJjlSbYw==", .listed),                                                       // Password1
        ("{SMD5}yhl3vNSyF+w5aOyoW/PF93BlcHBlcg==", .listed),                                              // letmein
        ("{SSHA512}VLA+k78Rpx90vyQv/+12MTPCO54pSGAkQyNl/pQvK3GZF92QzV1PzSVwcYwsjljrgF9fC/9Zq57/SMw1JsxzUTAxMjM0NTY3ODlhYmNkZWY=", .listed),  // qwerty123
        ("{SHA256}BXugPWxEEEhj3HNh/kV4ll0YhzYPkKCJWILlimJI/IY=", .listed),                                 // changeme
        ("{CRYPT}abN/qM.L/H8EQ", .listed),                                                                // letmein, DES
        ("{CRYPT}$1$saltsalt$hsOLv3TFCmSc7IYNosplf1", .listed),                                           // Password1, MD5 crypt
        ("{crypt}$6$saltsaltsalt$N0VkrSVo/R0C7TMGobXG7UsSI3JtgooPpz.6xc/yGYci/QpD4Id0V9i2JTQ7w/.q8kY8Pl5vaIrPCfcgoqCL0/", .listed),  // Welcome1
        ("{CRYPT}$y$j9T$F5Jx5fExrKuPp53xLKQ..1$9eY6khceODAXlpnSVc9CzVGhhz.UQX1Y6hpCZ.xt6Z3", .listed),   // Summer2026!, yescrypt
        ("{CRYPT}$6$saltsaltsalt$sUrOEiQUukN44yEVCI/r0WkifJHVIZu1gIZAYm81tz9b3z2ibMlv6cQ7alE4DaILAlacGw3eNMlHMP3myhxeI0", .notListed),  // Fixture-Passw0rd!
        ("{CLEARTEXT}qwerty123", .listed),
        ("qwerty123", .listed),
        ("Fixture-Passw0rd!", .notListed),
        ("{SSHA}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", .notListed),
        ("{PBKDF2-SHA512}10000$c2FsdA==$aGFzaA==", .untested),
        ("{SSHA}not base64!", .untested),
        ("{CRYPT}!locked", .untested),
    ])
    func eachSchemeIsTested(_ stored: String, _ expected: WeakPasswordChecker.Outcome) {
        var checker = WeakPasswordChecker(words: Self.list)
        #expect(checker.outcome(for: Array(stored.utf8)) == expected, "\(stored)")
    }

    @Test func accountsAreMarkedAndTheirValuesForgotten() {
        var snapshot = DirectorySnapshot(kind: .openldap, source: "test")
        func account(_ name: String, _ values: [String]) -> Account {
            var a = Account(dn: "uid=\(name),dc=x", name: name)
            a.passwordValues = values.map { Array($0.utf8) }
            return a
        }
        snapshot.accounts = [
            account("weak", ["{SHA}0xj0Rznc7WZ5OxpgMCgTOnauaA4="]),
            account("strong", ["{CRYPT}$6$saltsaltsalt$sUrOEiQUukN44yEVCI/r0WkifJHVIZu1gIZAYm81tz9b3z2ibMlv6cQ7alE4DaILAlacGw3eNMlHMP3myhxeI0"]),
            account("slow", ["{PBKDF2-SHA512}10000$c2FsdA==$aGFzaA=="]),
            account("unread", []),
            account("two", ["{PBKDF2-SHA512}10000$c2FsdA==$aGFzaA==", "letmein"]),
        ]
        var checker = WeakPasswordChecker(words: Self.list)
        let result = checker.check(&snapshot)
        #expect(snapshot.accounts.map(\.passwordInWordList) == [true, false, nil, nil, true])
        #expect(snapshot.accounts.allSatisfy { $0.passwordValues.isEmpty })
        #expect(result.checked == 3 && result.listed == 2 && result.untested == 1)
    }

    @Test func wordListsKeepEveryCharacterButLineEnds() {
        let words = WeakPasswordChecker.words(fromFileContents: Data("a\r\n#b\n\n c \nd".utf8))
        #expect(words == ["a", "#b", " c ", "d"])
    }
}
