import Foundation
@testable import Advisor
import RelayAuditCore
import Testing
import TestSupport

/// `Policies/commands.yaml` and user-edited copies of it.
struct CommandTemplatesTests {
    @Test func builtInTemplatesLoad() throws {
        let templates = try CommandTemplates.builtIn()
        #expect(templates.actions["disable-account"]?["samba"]?.per == .account)
        #expect(templates.actions["hold-sender"]?["postfix"]?.language == .shell)
        #expect(templates.actions["disable-account"]?["openldap"]?.language == .ldif)
    }

    @Test func everyTargetNamedInTheSpecIsCovered() throws {
        let targets = Set(try CommandTemplates.builtIn().actions.values.flatMap(\.keys))
        #expect(targets == ["active-directory", "samba", "openldap", "389ds", "freeipa", "postfix", "exim", "sendmail", "exchange", "firewall"])
    }

    static func problems(_ yaml: String) -> [String] {
        do {
            _ = try CommandTemplates.parse(yaml, name: "my-commands.yaml")
            return []
        } catch {
            guard case let .configuration(diagnostics) = error else { return ["\(error)"] }
            return diagnostics.map(\.description)
        }
    }

    @Test func errorsNameFileLineAndColumn() {
        let yaml = """
            actions:
              disable-account:
                samba: { per: account, language: shell, text: "samba-tool user disable {acount}" }
            """
        #expect(Self.problems(yaml) == ["my-commands.yaml:3:12: error: 'disable-account.samba' uses an unknown placeholder {acount}"])
    }

    @Test func textTemplatesCannotTakeValues() {
        let yaml = """
            actions:
              disable-account:
                samba: { per: account, language: text, text: "samba-tool user disable {account}" }
            """
        #expect(Self.problems(yaml).first?.contains("is language text, which cannot quote values") == true)
    }

    @Test func incompleteTemplatesAreRejected() {
        #expect(Self.problems("actions:\n  x:\n    samba: { per: everyone, language: shell, text: hi }\n").first?.contains("needs per (account") == true)
        #expect(Self.problems("actions: [1, 2]\n") == ["my-commands.yaml:1: error: expected an 'actions:' mapping"])
        #expect(Self.problems("actions:\n  x: [bad\n").first?.hasPrefix("my-commands.yaml:") == true)
    }

    @Test func filtersTakeOnlyLoginsAndMustBeDeclared() {
        #expect(Self.problems("actions:\n  x:\n    samba: { per: login, language: shell, text: \"s {filter}\" }\n")
            == ["my-commands.yaml:3:12: error: 'x.samba' uses {filter} but has no 'filter:' key"])
        #expect(Self.problems("actions:\n  x:\n    samba: { per: login, language: shell, filter: \"(uid={ip})\", text: \"s {filter}\" }\n")
            == ["my-commands.yaml:3:12: error: 'x.samba' filter uses {ip}; a filter may use {login} and {login_local}"])
        #expect(Self.problems("actions:\n  x:\n    samba: { per: account, language: shell, filter: \"(uid={login})\", text: \"s {filter}\" }\n")
            == ["my-commands.yaml:3:12: error: 'x.samba' has a filter, which needs per: login"])
    }

    @Test func anEditedTemplateIsWhatThePlanUses() throws {
        let templates = try CommandTemplates.parse("""
            actions:
              disable-account:
                samba: { per: account, language: shell, text: "ssh dc1 samba-tool user disable -- {account}" }
            """, name: "mine.yaml")
        let victim = AccountBuilder.account("o'brien") { $0.passwordLastSet = AccountBuilder.daysAgo(900) }
        let plan = try AdvisorHarness.plan([victim], AdvisorHarness.incident(victim: "o'brien"), templates: templates)
        #expect(plan.map(\.action) == ["disable-account"])
        #expect(plan.first?.commands.map(\.text) == ["ssh dc1 samba-tool user disable -- 'o'\\''brien'"])
    }

    @Test func ldifTemplatesEncodeValuesThatAreNotSafeStrings() throws {
        let template = try #require(CommandTemplates.builtIn().actions["disable-account"]?["openldap"])
        let text = CommandRenderer.render(template, values: ["dn": "uid=evil\nchangetype: delete,dc=x"])
        let lines = text.split(separator: "\n").map(String.init)
        let dnLine = try #require(lines.first { $0.hasPrefix("dn") })
        #expect(dnLine.hasPrefix("dn:: "))
        #expect(String(decoding: Data(base64Encoded: String(dnLine.dropFirst(5)))!, as: UTF8.self) == "uid=evil\nchangetype: delete,dc=x")
        #expect(lines.filter { $0.hasPrefix("changetype:") } == ["changetype: modify"])
    }
}

/// `exiqgrep -f` takes a Perl regex: the plan's regex must select exactly one sender. Checked by perl.
struct PerlRegexTests {
    static let senders = ["billing@bank1.example", ".*@bank.example", "a+b@x.example", "a'b$(pwned)`x`@bank.example",
                          "\"o'hara; x\"@bank.example", "(x)|y@z", "back\\slash@x", "\u{1B}[2Jclear@bank.example", "Müller@x.example"]

    static func perlMatches(_ regex: String, _ sender: String) throws -> Bool {
        let script = "exit(((\"<\" . $ARGV[1] . \">\") =~ /$ARGV[0]/) ? 0 : 1)"
        let result = try CommandRunner.run(["-e", script, "--", regex, sender], executable: "/usr/bin/perl")
        return result.status == 0
    }

    @Test(arguments: senders)
    func matchesExactlyItsSender(_ sender: String) throws {
        let regex = PerlRegex.exactEnvelope(sender)
        #expect(try Self.perlMatches(regex, sender))
        #expect(try !Self.perlMatches(regex, "x" + sender))
        #expect(try !Self.perlMatches(regex, sender + "x"))
        #expect(try !Self.perlMatches(regex, "victim@bank.example"))
    }
}
