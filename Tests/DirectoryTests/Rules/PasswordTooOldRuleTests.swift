import Directory
import Testing
import TestSupport

struct PasswordTooOldRuleTests {
    let rule = PasswordTooOldRule()

    @Test func triggersPastTheLimit() {
        #expect(RuleHarness.evidence(RuleHarness.hit(rule, AccountBuilder.account { $0.passwordLastSet = AccountBuilder.daysAgo(366) }), "password_age_days") == "int(366)")
    }

    @Test func doesNotTriggerAtTheLimitForPrivilegedOrWhenUnknown() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.passwordLastSet = AccountBuilder.daysAgo(365) }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.passwordLastSet = AccountBuilder.daysAgo(900); $0.privileged = true }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.passwordLastSet = nil; $0.mustChangePassword = true }) == nil)
    }
}
