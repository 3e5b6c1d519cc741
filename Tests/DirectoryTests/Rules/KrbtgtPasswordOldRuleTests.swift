import Directory
import Testing
import TestSupport

struct KrbtgtPasswordOldRuleTests {
    let rule = KrbtgtPasswordOldRule()

    @Test func triggersOnAnOldKrbtgtEvenThoughItIsDisabled() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account("krbtgt") { $0.rid = 502; $0.state = .disabled; $0.passwordLastSet = AccountBuilder.daysAgo(400) }) != nil)
    }

    @Test func doesNotTriggerWhenRecentOrNotKrbtgt() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account("krbtgt") { $0.rid = 502; $0.passwordLastSet = AccountBuilder.daysAgo(30) }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account("krbtgt") { $0.rid = 1200; $0.passwordLastSet = AccountBuilder.daysAgo(400) }) == nil)
    }
}
