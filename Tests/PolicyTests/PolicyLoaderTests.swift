import Policy
import RelayAuditCore
import Testing

struct PolicyLoaderTests {
    @Test func theBuiltInPolicyLoadsWithEveryThreshold() throws {
        let policy = try PolicyLoader.loadDefault()
        #expect(policy.source == "built-in default")
        #expect(policy.directory.passwordMaxAgeDays > 0)
        #expect(policy.directory.privilegedGroups.contains("Domain Admins"))
        #expect(policy.setting(for: RuleID("guest-enabled")) == RuleSetting(enabled: true, severity: .critical))
        #expect(policy.directory.acceptablePasswordSchemes.contains("CRYPT-SHA512"))
    }

    @Test func aPartialFileChangesOnlyWhatItSets() throws {
        let policy = try PolicyLoader.load(contents: """
            directory:
              stale_after_days: 90
            rules:
              stale-account: { severity: high }
            organization:
              domains: [Corp.Example]
            """, name: "strict.yaml")
        let base = try PolicyLoader.loadDefault()
        #expect(policy.directory.staleAfterDays == 90)
        #expect(policy.directory.passwordMaxAgeDays == base.directory.passwordMaxAgeDays)
        #expect(policy.setting(for: RuleID("stale-account")) == RuleSetting(enabled: true, severity: .high))
        #expect(policy.organizationDomains == ["corp.example"])
        #expect(policy.source == "strict.yaml")
    }

    @Test func anUnknownKeyIsAnErrorWithItsLineAndASuggestion() {
        #expect(throws: RelayAuditError.self) {
            try PolicyLoader.load(contents: "directory:\n  stale_after_dayz: 90\n", name: "p.yaml")
        }
        let message = errorText { try PolicyLoader.load(contents: "directory:\n  stale_after_dayz: 90\n", name: "p.yaml") }
        #expect(message == "p.yaml:2:3: error: unknown key 'stale_after_dayz' in 'directory'; did you mean 'stale_after_days'?")
    }

    @Test func infrastructureAddressesMustBeAddressesOrRanges() throws {
        let message = errorText { try PolicyLoader.load(contents: "logs:\n  infrastructure_addresses: [\"10.0.0.0/8\", \"mail.corp\"]\n", name: "p.yaml") }
        #expect(message.contains("p.yaml:2:"), "\(message)")
        #expect(message.contains("'mail.corp' is not an IP address or CIDR range"), "\(message)")
        let policy = try PolicyLoader.load(contents: "logs:\n  infrastructure_addresses: [\"192.0.2.25\", \"2001:db8::/32\"]\n", name: "p.yaml")
        #expect(policy.logs.infrastructureAddresses == ["192.0.2.25", "2001:db8::/32"])
    }

    @Test func anUnknownRuleIsAnError() {
        let message = errorText { try PolicyLoader.load(contents: "rules:\n  guest-enable: { enabled: false }\n", name: "p.yaml") }
        #expect(message.contains("p.yaml:2:3: error: unknown key 'guest-enable' in 'rules'; did you mean 'guest-enabled'?"))
    }

    @Test func valuesMustHaveTheDefaultsType() {
        let message = errorText {
            try PolicyLoader.load(contents: """
                directory:
                  stale_after_days: soon
                  require_lockout: maybe
                  privileged_groups: admins
                rules:
                  guest-enabled: { severity: urgent }
                """, name: "p.yaml")
        }
        #expect(message.contains("p.yaml:2:21: error: 'directory.stale_after_days' must be a whole number of 0 or more, not 'soon'"))
        #expect(message.contains("p.yaml:3:20: error: 'directory.require_lockout' must be true or false, not 'maybe'"))
        #expect(message.contains("p.yaml:4:22: error: 'directory.privileged_groups' must be a list, not a single value"))
        #expect(message.contains("p.yaml:6:30: error: 'rules.guest-enabled.severity' must be one of critical, high, medium, low, info, not 'urgent'"))
    }

    @Test func syntaxErrorsNameTheLine() {
        let message = errorText { try PolicyLoader.load(contents: "directory:\n  a: [1, 2\n", name: "broken.yaml") }
        #expect(message.hasPrefix("broken.yaml:3:"))
        #expect(message.contains("invalid YAML"))
    }

    @Test func versionAndDuplicatesAreChecked() {
        #expect(errorText { try PolicyLoader.load(contents: "version: 2\n", name: "v.yaml") }
            == "v.yaml:1:10: error: this relay-audit reads policy version 1, not '2'")
        #expect(errorText { try PolicyLoader.load(contents: "version: 1\nversion: 1\n", name: "d.yaml") }
            .contains("duplicated keys: version"))
        #expect(errorText { try PolicyLoader.load(contents: "", name: "e.yaml") } == "e.yaml:1: error: the policy file is empty")
    }

    @Test func aMissingFileIsAConfigurationError() {
        #expect(errorText { try PolicyLoader.load(path: "/nonexistent/policy.yaml") }
            == "/nonexistent/policy.yaml: error: policy file does not exist")
    }

    @Test func theShippedVariantsLoad() throws {
        let policies = PolicyLoader.embeddedFileNames.filter { $0.hasSuffix(".yaml") && $0 != "commands.yaml" }
        #expect(policies.contains("strict.yaml") && policies.contains("exchange-2003.yaml"))
        for name in policies {
            let text = try #require(PolicyLoader.embeddedFile(name))
            _ = try PolicyLoader.load(contents: text, name: name)
        }
    }

    private func errorText(_ body: () throws -> AuditPolicy) -> String {
        do {
            _ = try body()
            return "no error"
        } catch let error as RelayAuditError {
            return error.description
        } catch {
            return "\(error)"
        }
    }
}
