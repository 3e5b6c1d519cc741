import Directory
import Testing
import TestSupport

struct StaleAccountRuleTests {
    let rule = StaleAccountRule()

    @Test func triggersWithTheLagAccountedFor() {
        let hit = RuleHarness.hit(rule, AccountBuilder.account { $0.lastLogon = AccountBuilder.daysAgo(200); $0.lastLogonSource = .lastLogonTimestamp })
        #expect(RuleHarness.evidence(hit, "days_since_logon_min") == "int(186)")
        #expect(RuleHarness.evidence(hit, "days_since_logon_max") == "int(200)")
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.lastLogon = AccountBuilder.daysAgo(181); $0.lastLogonSource = .lastLogon }) != nil)
    }

    @Test func doesNotTriggerInsideTheLagOrWithoutData() {
        // 190 days by lastLogonTimestamp could be 176 days in truth: not certainly stale.
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.lastLogon = AccountBuilder.daysAgo(190); $0.lastLogonSource = .lastLogonTimestamp }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.lastLogon = nil; $0.lastLogonSource = nil }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.lastLogon = AccountBuilder.daysAgo(900); $0.state = .disabled }) == nil)
    }
}
