import Directory
import Testing
import TestSupport

struct AsrepRoastableRuleTests {
    let rule = AsrepRoastableRule()

    @Test func triggersWithoutPreauthentication() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.preauthNotRequired = true }) != nil)
    }

    @Test func doesNotTriggerOtherwise() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account()) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.preauthNotRequired = true; $0.state = .disabled }) == nil)
    }
}
