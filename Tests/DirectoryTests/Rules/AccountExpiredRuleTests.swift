import Directory
import Testing
import TestSupport

struct AccountExpiredRuleTests {
    let rule = AccountExpiredRule()

    @Test func triggersOnAnEnabledExpiredAccount() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.expires = AccountBuilder.daysAgo(10) }) != nil)
    }

    @Test func doesNotTriggerOnFutureExpiryOrDisabledAccounts() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.expires = AccountBuilder.daysAgo(-10) }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.expires = AccountBuilder.daysAgo(10); $0.state = .disabled }) == nil)
    }
}
