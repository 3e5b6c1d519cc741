import Directory
import Testing
import TestSupport

struct WeakPasswordHashRuleTests {
    let rule = WeakPasswordHashRule()
    func account(_ value: String) -> Account {
        AccountBuilder.account { $0.passwordStorage = [PasswordSchemeClassifier.classify(Array(value.utf8), attribute: "userPassword")] }
    }

    @Test(arguments: ["{SSHA}abc", "{SHA}abc", "{MD5}abc", "{SMD5}abc", "{CRYPT}21CAplOLEsGLE", "{CRYPT}$1$a$b"])
    func triggersOnFastOrUnsaltedSchemes(_ value: String) {
        #expect(RuleHarness.hit(rule, account(value)) != nil)
    }

    @Test(arguments: ["{CRYPT}$6$a$b", "{PBKDF2-SHA512}x", "{ARGON2}x", "{SSHA512}x", "{CLEARTEXT}x", "plain"])
    func doesNotTriggerOnAcceptedSchemesOrCleartext(_ value: String) {
        // Cleartext is cleartext-password's business, not this rule's.
        #expect(RuleHarness.hit(rule, account(value)) == nil)
    }
}
