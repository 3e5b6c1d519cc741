import Advisor
import Foundation
import Reports
import Testing
import TestSupport

/// The plan in each format: order, grouping per target, and scripts that stay pasteable.
struct PlanRenderingTests {
    static func ldifRecord(_ uid: String) -> PlanCommand {
        PlanCommand(target: .openldap, language: .ldif, text: "dn: uid=\(uid),dc=x\nchangetype: modify\nreplace: pwdAccountLockedTime\npwdAccountLockedTime: 000001010000Z")
    }
    static let plan = [
        PlanStep(phase: .contain, order: 1, action: .disableAccount, title: "Disable", why: "because <b>", accounts: ["a", "b"],
                 commands: [ldifRecord("a"), ldifRecord("b")]),
        PlanStep(phase: .contain, order: 2, action: .blockAddress, title: "Block", why: "spray", accounts: [],
                 commands: (1...10).map { PlanCommand(target: .firewall, language: .shell, text: "iptables -I INPUT -s 192.0.2.\($0) -j DROP") }),
        PlanStep(phase: .recover, order: 3, action: .rerunAudit, title: "Re-run", why: "check", accounts: [],
                 commands: [PlanCommand(target: .firewall, language: .text, text: "# again\nrelay-audit audit ...")]),
    ]

    /// An audit report (the plan belongs to `audit`) of an empty directory and log, with the plan above.
    var report: AuditReport {
        let audit = CheckerHarness.audit([], LogScript())
        return AuditReport(asOf: AccountBuilder.asOf, policySource: "built-in default", toolVersion: "test",
                           directory: DirectorySection(snapshot: audit.snapshot, findings: audit.directoryFindings),
                           checker: audit.checker, plan: Self.plan)
    }

    @Test func textGroupsByPhaseAndShortensLongLists() {
        let text = TextRenderer(color: false).render(report)
        let plan = text[text.range(of: "LOCKDOWN PLAN (3 steps)")!.lowerBound...]
        #expect(plan.contains("CONTAIN\n\n1. Disable\n   why: because <b>\n   [openldap]\n     dn: uid=a,dc=x"))
        // LDIF records are separated by a blank line, or ldapmodify would read them as one.
        #expect(plan.contains("pwdAccountLockedTime: 000001010000Z\n     \n     dn: uid=b,dc=x"))
        #expect(plan.contains("iptables -I INPUT -s 192.0.2.8 -j DROP\n     … 2 more (--output markdown, html or json list them all)"))
        #expect(!plan.contains("192.0.2.9 "))
        #expect(plan.range(of: "CONTAIN")!.lowerBound < plan.range(of: "RECOVER")!.lowerBound)
    }

    @Test func markdownIsAChecklistWithWholeScripts() {
        let markdown = MarkdownRenderer().render(report)
        #expect(markdown.contains("- [ ] **1. Disable** — because \\<b\\>"))
        #expect(markdown.contains("  ```ldif\n  dn: uid=a,dc=x\n  changetype: modify\n  replace: pwdAccountLockedTime\n  pwdAccountLockedTime: 000001010000Z\n  \n  dn: uid=b,dc=x"))
        #expect(markdown.contains("iptables -I INPUT -s 192.0.2.10 -j DROP"))
        #expect(markdown.contains("- [ ] **3. Re\\-run**"))
    }

    @Test func htmlKeepsLineBreaksInsideCommands() {
        let html = HTMLRenderer().render(report)
        #expect(html.contains("<pre># again\nrelay-audit audit ...</pre>"))
        #expect(html.contains("because &lt;b&gt;"))
        #expect(html.contains("iptables -I INPUT -s 192.0.2.10 -j DROP</pre>"))
    }

    @Test func jsonListsEveryCommandWithItsLanguage() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONRenderer().render(report).utf8)) as? [String: Any])
        let plan = try #require(json["plan"] as? [[String: Any]])
        #expect(plan.map { $0["order"] as? Int } == [1, 2, 3])
        #expect(plan.map { $0["phase"] as? String } == ["contain", "contain", "recover"])
        #expect((plan[1]["commands"] as? [[String: Any]])?.count == 10)
        #expect((plan[0]["commands"] as? [[String: Any]])?.first?["language"] as? String == "ldif")
    }
}
