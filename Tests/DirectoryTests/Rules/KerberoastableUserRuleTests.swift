import Directory
import Testing
import TestSupport

struct KerberoastableUserRuleTests {
    let rule = KerberoastableUserRule()

    @Test func triggersOnUsersWithSPNsAndSaysWhenPrivileged() {
        let hit = RuleHarness.hit(rule, AccountBuilder.account("svc") { $0.servicePrincipalNames = ["HTTP/web"]; $0.privileged = true })
        #expect(hit?.message.hasPrefix("a privileged account") == true)
        #expect(RuleHarness.evidence(hit, "privileged") == "bool(true)")
    }

    @Test func doesNotTriggerOnKrbtgtDisabledOrSPNless() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account("krbtgt") { $0.rid = 502; $0.servicePrincipalNames = ["kadmin/changepw"] }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.servicePrincipalNames = ["HTTP/x"]; $0.state = .disabled }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account()) == nil)
    }
}
