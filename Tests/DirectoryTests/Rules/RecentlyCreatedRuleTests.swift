import Directory
import Testing
import TestSupport

struct RecentlyCreatedRuleTests {
    let rule = RecentlyCreatedRule()

    @Test func triggersInsideTheWindowWhateverTheState() {
        let hit = RuleHarness.hit(rule, AccountBuilder.account { $0.created = AccountBuilder.daysAgo(2); $0.privileged = true; $0.privilegedVia = ["Domain Admins"] })
        #expect(hit?.message.contains("privileged (Domain Admins)") == true)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.created = AccountBuilder.daysAgo(30); $0.state = .disabled }) != nil)
    }

    @Test func doesNotTriggerOnOldOrUndatedAccounts() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.created = AccountBuilder.daysAgo(31) }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.created = nil }) == nil)
        // Created after the as-of moment (an audit "as of" an earlier day) is not "recent".
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.created = AccountBuilder.daysAgo(-3) }) == nil)
    }
}
