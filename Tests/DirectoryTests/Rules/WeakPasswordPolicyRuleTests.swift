import Directory
import Testing
import TestSupport

struct WeakPasswordPolicyRuleTests {
    let rule = WeakPasswordPolicyRule()

    func policy(_ configure: (inout PasswordPolicyFacts) -> Void) -> PasswordPolicyFacts {
        var p = PasswordPolicyFacts(origin: .domain, dn: "DC=corp", isDefault: true)
        p.maxAgeDays = 90; p.minLength = 12; p.lockoutThreshold = 5; p.complexity = true; p.reversibleEncryption = false
        configure(&p)
        return p
    }

    func hits(_ policies: [PasswordPolicyFacts], kind: DirectoryKind = .activeDirectory) -> [RuleHit] {
        rule.checkDirectory(in: RuleHarness.context(AccountBuilder.snapshot([AccountBuilder.account()], kind: kind, policies: policies)))
    }

    @Test func triggersOnEachWeakness() {
        #expect(hits([policy { $0.minLength = 7 }]).first?.message.contains("minimum length 7 (below 8)") == true)
        #expect(hits([policy { $0.maxAgeDays = 0 }]).first?.message.contains("never expire") == true)
        #expect(hits([policy { $0.maxAgeDays = 400 }]).count == 1)
        #expect(hits([policy { $0.lockoutThreshold = 0 }]).first?.message.contains("no account lockout") == true)
        #expect(hits([policy { $0.complexity = false }]).count == 1)
        #expect(hits([policy { $0.reversibleEncryption = true }]).count == 1)
    }

    @Test func aDirectoryWithoutAnyPolicyIsWeakUnlessItIsADWithAnUnreadDomain() {
        #expect(hits([], kind: .openldap).first?.message.hasPrefix("no password policy") == true)
        #expect(hits([], kind: .activeDirectory).isEmpty)
    }

    @Test func doesNotTriggerOnASoundPolicy() {
        #expect(hits([policy { _ in }]).isEmpty)
        #expect(hits([policy { $0.complexity = nil }], kind: .openldap).isEmpty)
    }
}
