import Directory
import Policy
import Testing
import TestSupport

struct RuleRegistryTests {
    /// The rule ids ../shared/spec/interface.md requires.
    static let requiredByInterface = [
        "guest-enabled", "password-never-expires", "password-not-required", "reversible-password", "password-too-old",
        "stale-account", "privileged-password-old", "krbtgt-password-old", "asrep-roastable", "kerberoastable-user",
        "admincount-orphan", "recently-created", "weak-password-hash", "cleartext-password", "weak-password-policy",
    ]

    @Test func everyInterfaceRuleIsRegistered() {
        let ids = Set(DirectoryRules.all.map(\.id.rawValue))
        for id in Self.requiredByInterface { #expect(ids.contains(id), "missing rule \(id)") }
        #expect(ids.count == DirectoryRules.all.count, "duplicate rule ids")
    }

    @Test func everyRegisteredRuleIsInTheDefaultPolicy() {
        let policyRules = Set(RuleHarness.policy.rules.keys)
        for rule in DirectoryRules.all { #expect(policyRules.contains(rule.id.rawValue), "\(rule.id) is missing from Policies/default.yaml") }
    }

    @Test func disabledRulesProduceNothing() throws {
        let guest = AccountBuilder.account("Guest") { $0.rid = 501 }
        let snapshot = AccountBuilder.snapshot([guest])
        let on = DirectoryAuditor.findings(for: snapshot, policy: RuleHarness.policy, asOf: AccountBuilder.asOf)
        #expect(on.contains { $0.rule == .guestEnabled && $0.severity == .critical && $0.account == "Guest" })
        let off = try PolicyLoader.load(contents: "rules:\n  guest-enabled: { enabled: false }\n", name: "p")
        #expect(!DirectoryAuditor.findings(for: snapshot, policy: off, asOf: AccountBuilder.asOf).contains { $0.rule == .guestEnabled })
        let low = try PolicyLoader.load(contents: "rules:\n  guest-enabled: { severity: low }\n", name: "p")
        #expect(DirectoryAuditor.findings(for: snapshot, policy: low, asOf: AccountBuilder.asOf).first { $0.rule == .guestEnabled }?.severity == .low)
    }
}
