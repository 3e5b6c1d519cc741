import Directory
import Testing
import TestSupport

struct AdminCountOrphanRuleTests {
    let rule = AdminCountOrphanRule()

    @Test func triggersOnAFormerAdmin() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.adminCount = true }) != nil)
    }

    @Test func doesNotTriggerOnCurrentAdminsOrDisabledAccounts() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.adminCount = true; $0.privileged = true }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.adminCount = true; $0.state = .disabled }) == nil)
    }
}
