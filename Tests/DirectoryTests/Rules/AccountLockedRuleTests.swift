import Directory
import Testing
import TestSupport

struct AccountLockedRuleTests {
    let rule = AccountLockedRule()

    @Test func triggersOnALockout() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.lockedOut = true; $0.lockedSince = AccountBuilder.daysAgo(0.1) }) != nil)
    }

    @Test func doesNotTriggerOnUnlockedOrAdminDisabledAccounts() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account()) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.lockedOut = true; $0.state = .disabled }) == nil)
    }
}
