import Foundation
@testable import Advisor
import RelayAuditCore
import Testing
import TestSupport

/// Every shell template of `Policies/commands.yaml`, filled with every hostile value and run by
/// bash with stub programs: the hostile value must change nothing but itself. The same template
/// filled with a plain marker gives the expected invocations; the hostile run must record the
/// very same programs and arguments with the marker replaced by the value, and never run `pwned`.
struct TemplateInjectionTests {
    static let hostile = [
        "o'brien", "say\"hi", "x$(pwned 1)", "y`pwned 2`", "z;pwned 3;&pwned 3b|", "\u{1B}[31mred\u{1B}]0;owned\u{07}",
        "<script>alert(1)</script>", "*)(uid=*", "-rf", "line\npwned 4", "a\\'b", "$HOME ~ * ? [a]", "'; pwned 5; '",
        "\"; pwned 6; \"", "${IFS}pwned${IFS}7", "{a,b}", "!!", "\u{202E}rtl", "'\n\"\n`",
    ]
    static let marker = "MARKERVALUE"

    struct Case: CustomTestStringConvertible, Sendable {
        var action: String
        var target: String
        var template: CommandTemplates.Template
        var testDescription: String { "\(action).\(target)" }
    }

    static let cases: [Case] = {
        guard let templates = try? CommandTemplates.builtIn() else { return [] }
        return templates.actions.flatMap { action, targets in
            targets.compactMap { target, template in
                template.language == .shell && template.per != .once ? Case(action: action.rawValue, target: target.rawValue, template: template) : nil
            }
        }.sorted { ($0.action, $0.target) < ($1.action, $1.target) }
    }()

    static func values(_ value: String, _ template: CommandTemplates.Template) -> [String: String] {
        var values: [String: String] = [:]
        for name in CommandTemplates.placeholders { values[name] = value }
        values["sender_regex"] = PerlRegex.exactEnvelope(value)
        values["filter"] = template.filter.map { CommandRenderer.ldapFilter($0, login: value) }
        return values
    }

    /// The programs a template runs: every word that starts a pipeline stage.
    static func programs(_ text: String) -> Set<String> {
        var names: Set<String> = ["tee", "printf", "grep", "sed", "xargs", "jq", "postqueue", "postsuper", "postcat", "find",
                                  "exiqgrep", "exim", "mailq", "sendmail", "samba-tool", "ldappasswd", "dsidm", "ipa", "iptables", "ipset",
                                  "ldapsearch", "ldbsearch", "sudo", "zmprov"]
        for stage in text.split(whereSeparator: { "|;&\n".contains($0) }) {
            if let word = stage.split(separator: " ").first, word.allSatisfy({ $0.isLetter || $0 == "-" }) { names.insert(String(word)) }
        }
        return names.subtracting(["do", "done", "while", "read", "echo", "login", "case", "esac"])
    }

    /// Zimbra's templates name its programs by path (/opt/zimbra/common/sbin/postqueue, run by
    /// root; zmprov through sudo): the stubs stand in for them by name.
    static func runnable(_ script: String) -> String {
        script.replacingOccurrences(of: "/opt/zimbra/common/sbin/", with: "").replacingOccurrences(of: "/opt/zimbra/bin/", with: "")
    }

    @Test func thereAreShellTemplatesToCheck() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func hostileValuesStayOneLiteral(_ testCase: Case) throws {
        #expect(!testCase.template.text.replacingOccurrences(of: "2>/dev/null", with: "").contains(">"),
                "write files through `tee -a`, which tests can stub")
        let stubs = try StubShell(programs: Self.programs(testCase.template.text))
        let plain = try stubs.run(Self.runnable(CommandRenderer.render(testCase.template, values: Self.values(Self.marker, testCase.template))))
        #expect(plain.result.status == 0, "\(plain.result.stderr)")
        #expect(plain.invocations.contains { $0.arguments.contains { $0.contains(Self.marker) } }, "the value reaches a program")
        for value in Self.hostile {
            let script = CommandRenderer.render(testCase.template, values: Self.values(value, testCase.template))
            #expect(!script.unicodeScalars.contains { $0 != "\n" && TerminalText.needsEscape($0) }, "no raw control characters in \(script)")
            let (result, got) = try stubs.run(Self.runnable(script))
            #expect(result.status == 0, "\(value.debugDescription): \(result.stderr)")
            let expected = plain.invocations.map { invocation in
                StubShell.Invocation(program: invocation.program, arguments: invocation.arguments.map {
                    $0.replacingOccurrences(of: testCase.template.filter.map { CommandRenderer.ldapFilter($0, login: Self.marker) } ?? "\u{0}",
                                            with: testCase.template.filter.map { CommandRenderer.ldapFilter($0, login: value) } ?? "")
                        .replacingOccurrences(of: PerlRegex.exactEnvelope(Self.marker), with: PerlRegex.exactEnvelope(value))
                        .replacingOccurrences(of: Self.marker, with: value)
                })
            }
            #expect(got == StubShell.sorted(expected), "\(value.debugDescription)")
            #expect(!got.contains { $0.program == "pwned" })
        }
    }
}
