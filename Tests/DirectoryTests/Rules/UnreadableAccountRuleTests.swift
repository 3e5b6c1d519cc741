import Directory
import Testing
import TestSupport

struct UnreadableAccountRuleTests {
    let rule = UnreadableAccountRule()

    @Test func triggersWhenAttributesCouldNotBeRead() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.state = .unknown; $0.unreadableAttributes = ["userAccountControl"] }) != nil)
    }

    @Test func doesNotTriggerOnReadableAccounts() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account()) == nil)
    }
}
