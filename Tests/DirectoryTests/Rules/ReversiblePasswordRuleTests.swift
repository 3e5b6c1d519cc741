import Directory
import Testing
import TestSupport

struct ReversiblePasswordRuleTests {
    let rule = ReversiblePasswordRule()

    @Test func triggersOnTheUACFlag() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.reversibleEncryption = true }) != nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.reversibleEncryption = true; $0.state = .unknown }) != nil)
    }

    @Test func doesNotTriggerWithoutItOrOnDisabledAccounts() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account()) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.reversibleEncryption = true; $0.state = .disabled }) == nil)
    }
}
