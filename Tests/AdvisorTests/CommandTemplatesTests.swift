import Foundation
@testable import Advisor
import RelayAuditCore
import Testing
import TestSupport

/// `Policies/commands.yaml` and user-edited copies of it.
struct CommandTemplatesTests {
    @Test func builtInTemplatesLoad() throws {
        let templates = try CommandTemplates.builtIn()
        #expect(templates.actions[PlanAction("disable-account")]?[CommandTarget(rawValue: "samba")!]?.per == .account)
        #expect(templates.actions[PlanAction("hold-sender")]?[CommandTarget(rawValue: "postfix")!]?.language == .shell)
        #expect(templates.actions[PlanAction("disable-account")]?[CommandTarget(rawValue: "openldap")!]?.language == .ldif)
    }

    /// Both directions: a step without templates would vanish from every plan, a template for an
    /// action no step takes would never be used.
    @Test func theTemplatesAndThePlanStepsNameTheSameActions() throws {
        let templates = Set(try CommandTemplates.builtIn().actions.keys)
        #expect(templates.subtracting(PlanSteps.actions).isEmpty, "templates without a step: \(templates.subtracting(PlanSteps.actions))")
        #expect(PlanSteps.actions.subtracting(templates).isEmpty, "steps without templates: \(PlanSteps.actions.subtracting(templates))")
    }

    static func loadProblems(_ yaml: String) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("commands-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try CommandTemplates.load(path: file.path)
            return []
        } catch {
            guard case let .configuration(diagnostics) = error else { return ["\(error)"] }
            return diagnostics.map { $0.description.replacingOccurrences(of: file.path, with: "mine.yaml") }
        }
    }

    /// The built-in file with one action taken out, renamed, or given an unknown target.
    static func builtInEdited(_ edit: (String) -> String) throws -> String {
        let url = Fixtures.repository.appendingPathComponent("Policies/commands.yaml")
        return edit(try String(contentsOf: url, encoding: .utf8))
    }

    @Test func aStepWithoutTemplatesIsAnErrorAtLoadNotASilentGap() throws {
        let yaml = try Self.builtInEdited { $0.replacingOccurrences(of: "  purge-ndr:\n", with: "  purge-ndr-old:\n") }
        let problems = try Self.loadProblems(yaml)
        #expect(problems.contains { $0.contains("'purge-ndr-old' is not an action of any plan step (did you mean 'purge-ndr'?)") }, "\(problems)")
        #expect(problems.contains { $0.contains("no templates for action 'purge-ndr', which the plan step PurgeBackscatterStep needs") }, "\(problems)")
        // An action kept with no targets is allowed: the step then gives no commands and is left out.
        let emptied = try Self.builtInEdited { text in
            let start = try! #require(text.range(of: "  purge-ndr:\n"))
            let end = try! #require(text.range(of: "\n\n", range: start.upperBound..<text.endIndex))
            return text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "  purge-ndr: {}")
        }
        #expect(try Self.loadProblems(emptied) == [])
    }

    @Test func anUnknownTargetIsAnError() {
        #expect(Self.problems("actions:\n  x:\n    postfx: { per: once, language: text, text: hi }\n")
            == ["my-commands.yaml:3:13: error: 'x.postfx': unknown target (did you mean 'postfix'?); targets are active-directory, samba, openldap, 389ds, freeipa, zimbra, postfix, exim, sendmail, exchange, firewall"])
    }

    @Test func everyTargetNamedInTheSpecIsCovered() throws {
        let targets = Set(try CommandTemplates.builtIn().actions.values.flatMap(\.keys).map(\.rawValue))
        #expect(targets == ["active-directory", "samba", "openldap", "389ds", "freeipa", "zimbra", "postfix", "exim", "sendmail", "exchange", "firewall"])
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
        #expect(plan.map(\.action.rawValue) == ["disable-account"])
        #expect(plan.first?.commands.map(\.text) == ["ssh dc1 samba-tool user disable -- 'o'\\''brien'"])
    }

    @Test func ldifTemplatesEncodeValuesThatAreNotSafeStrings() throws {
        let template = try #require(CommandTemplates.builtIn().actions[.disableAccount]?[.openldap])
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
