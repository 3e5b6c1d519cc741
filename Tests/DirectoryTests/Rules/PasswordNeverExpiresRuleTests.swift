import Directory
import Testing
import TestSupport

struct PasswordNeverExpiresRuleTests {
    let rule = PasswordNeverExpiresRule()

    @Test func triggersAndSaysWhy() {
        let hit = RuleHarness.hit(rule, AccountBuilder.account { $0.passwordNeverExpires = true; $0.passwordNeverExpiresReason = "shadowMax 99999" })
        #expect(hit?.message.contains("(shadowMax 99999)") == true)
    }

    @Test func doesNotTriggerOnDisabledOrExpiringAccounts() {
        #expect(RuleHarness.hit(rule, AccountBuilder.account { $0.passwordNeverExpires = true; $0.state = .disabled }) == nil)
        #expect(RuleHarness.hit(rule, AccountBuilder.account()) == nil)
    }

    @Test func aFineGrainedPolicyWithoutMaximumAgeExemptsItsAccounts() {
        var builder = DirectorySnapshotBuilder(kind: .activeDirectory, source: "t", asOf: AccountBuilder.asOf, privilegedGroupNames: [])
        var domain = DirectoryEntry(dn: "DC=corp")
        domain.append("objectClass", [Array("domainDNS".utf8)])
        domain.append("maxPwdAge", [Array("-36288000000000".utf8)])
        var pso = DirectoryEntry(dn: "CN=svc pso,CN=Password Settings Container,CN=System,DC=corp")
        pso.append("objectClass", [Array("msDS-PasswordSettings".utf8)])
        pso.append("msDS-MaximumPasswordAge", [Array("-9223372036854775808".utf8)])
        var user = DirectoryEntry(dn: "CN=svc,DC=corp")
        for (k, v) in ["objectClass": "user", "sAMAccountName": "svc", "userAccountControl": "512",
                       "msDS-ResultantPSO": "CN=svc pso,CN=Password Settings Container,CN=System,DC=corp"] {
            user.append(k, [Array(v.utf8)])
        }
        for entry in [domain, pso, user] { builder.add(entry) }
        let snapshot = builder.finish()
        let account = snapshot.accounts[0]
        #expect(account.passwordNeverExpires)
        #expect(account.passwordNeverExpiresReason?.contains("svc pso") == true)
    }
}
