import Directory
import Testing
import TestSupport

struct PrivilegedPasswordOldRuleTests {
    let rule = PrivilegedPasswordOldRule()

    @Test func triggersOnOldPrivilegedPasswords() {
        let hit = RuleHarness.hit(rule, AccountBuilder.account("admin") {
            $0.privileged = true; $0.privilegedVia = ["IT Admins", "Domain Admins"]; $0.passwordLastSet = AccountBuilder.daysAgo(200)
        })
        #expect(hit?.message.contains("IT Admins → Domain Admins") == true)
        #expect(RuleHarness.evidence(hit, "password_age_days") == "int(200)")
    }

    @Test func doesNotTriggerWithinTheLimitForUnprivilegedOrKrbtgt() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.privileged = true; $0.passwordLastSet = AccountBuilder.daysAgo(179) }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.passwordLastSet = AccountBuilder.daysAgo(900) }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.privileged = true; $0.rid = 502; $0.passwordLastSet = AccountBuilder.daysAgo(900) }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.privileged = true; $0.state = .disabled; $0.passwordLastSet = AccountBuilder.daysAgo(900) }) == nil)
    }
}
