import Directory
import Testing
import TestSupport

struct CleartextPasswordRuleTests {
    let rule = CleartextPasswordRule()
    func stored(_ value: String) -> PasswordStorage { PasswordSchemeClassifier.classify(Array(value.utf8), attribute: "userPassword") }

    @Test func triggersOnUnhashedValuesEvenOnDisabledAccounts() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.passwordStorage = [stored("Welcome1")] }) != nil)
        let disabled = RuleHarness.hit(rule, AccountBuilder.account { $0.passwordStorage = [stored("{CLEARTEXT}x")]; $0.state = .disabled })
        #expect(RuleHarness.evidence(disabled, "state") == "string(\"disabled\")")
    }

    @Test func doesNotTriggerOnHashes() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.passwordStorage = [stored("{SSHA}abc")] }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account()) == nil)
    }

    @Test func neverPutsThePasswordInTheEvidence() throws {
        let hit = try #require(RuleHarness.hit(rule, AccountBuilder.account { $0.passwordStorage = [stored("Hunter2secret")] }))
        #expect(!"\(hit.evidence)\(hit.message)".contains("Hunter2secret"))
    }
}
