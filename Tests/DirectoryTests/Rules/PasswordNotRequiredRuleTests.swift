import Directory
import Testing
import TestSupport

struct PasswordNotRequiredRuleTests {
    let rule = PasswordNotRequiredRule()

    @Test func triggersOnEnabledAccounts() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.passwordNotRequired = true }) != nil)
    }

    @Test func doesNotTriggerOnDisabledOrNormalAccounts() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.passwordNotRequired = true; $0.state = .disabled }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account()) == nil)
    }
}
