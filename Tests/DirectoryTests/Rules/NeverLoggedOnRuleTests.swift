import Directory
import Testing
import TestSupport

struct NeverLoggedOnRuleTests {
    let rule = NeverLoggedOnRule()

    @Test func triggersOnOldAccountsWithoutALogon() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.lastLogon = nil; $0.created = AccountBuilder.daysAgo(200) }) != nil)
    }

    @Test func doesNotTriggerOnNewAccountsOrWhereLogonsAreNotRecorded() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.lastLogon = nil; $0.created = AccountBuilder.daysAgo(10) }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.lastLogon = nil; $0.lastLogonRecorded = false; $0.created = AccountBuilder.daysAgo(200) }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account()) == nil)
    }
}
