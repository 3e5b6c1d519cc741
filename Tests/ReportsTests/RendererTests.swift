import Directory
import Foundation
import Policy
import RelayAuditCore
import Reports
import Testing
import TestSupport

struct RendererTests {
    static let hostileName = "evil\u{1B}]0;pwned\u{07}\u{1B}[2J<script>alert(1)</script>|*)(uid=*\n`$(id)`\u{202E}"

    func report(_ accounts: [Account]) -> AuditReport {
        let snapshot = AccountBuilder.snapshot(accounts)
        let findings = DirectoryAuditor.findings(for: snapshot, policy: RuleHarness.policy, asOf: AccountBuilder.asOf)
        return AuditReport(asOf: AccountBuilder.asOf, policySource: "built-in default", toolVersion: "test",
                           directory: DirectorySection(snapshot: snapshot, findings: findings))
    }

    var hostileReport: AuditReport {
        report([AccountBuilder.account(Self.hostileName) { $0.rid = 501; $0.passwordNotRequired = true; $0.mail = ["<x@y>"] }])
    }

    @Test func jsonHasTheInterfaceShape() throws {
        let text = JSONRenderer().render(report([AccountBuilder.account("alice") { $0.mail = ["alice@corp.example"] },
                                                 AccountBuilder.account("Guest") { $0.rid = 501 }]))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let directory = try #require(json["directory"] as? [String: Any])
        #expect(directory["kind"] as? String == "active-directory")
        #expect(directory["accounts"] as? Int == 2)
        #expect((directory["policy"] as? [String: Any])?.keys.contains("max_password_age_days") == true)
        let accounts = try #require(json["accounts"] as? [[String: Any]])
        for key in ["id", "name", "enabled", "guest", "privileged", "password_last_set", "password_age_days", "last_logon", "created", "mail"] {
            #expect(accounts.allSatisfy { $0.keys.contains(key) }, "account key \(key)")
        }
        #expect(accounts.first { $0["name"] as? String == "alice" }?["password_age_days"] as? Int == 20)
        let findings = try #require(json["findings"] as? [[String: Any]])
        for key in ["rule", "severity", "account", "id", "message", "evidence"] {
            #expect(findings.allSatisfy { $0.keys.contains(key) }, "finding key \(key)")
        }
        #expect(findings.first?["rule"] as? String == "guest-enabled")
        #expect(findings.first?["severity"] as? String == "critical")
    }

    @Test func unknownStateIsNullNotFalse() throws {
        let text = JSONRenderer().render(report([AccountBuilder.account { $0.state = .unknown }]))
        #expect(text.contains("\"enabled\": null"))
    }

    @Test func hostileNamesStayInertInEveryFormat() throws {
        let text = TextRenderer(color: false).render(hostileReport)
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}") && !text.contains("\u{202E}"))
        #expect(text.contains("\\u{1B}]0;pwned"))

        let html = HTMLRenderer().render(hostileReport)
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;"))
        #expect(!html.contains("\u{1B}"))

        let markdown = MarkdownRenderer().render(hostileReport)
        #expect(!markdown.contains("<script>") && markdown.contains("\\<script\\>"))
        let row = try #require(markdown.split(separator: "\n").first { $0.contains("guest\\-enabled") })
        var barePipes = 0
        var previous: Character = " "
        for ch in row {
            if ch == "|", previous != "\\" { barePipes += 1 }
            previous = ch
        }
        #expect(barePipes == 4, "only the four cell separators are bare pipes")

        let json = JSONRenderer().render(hostileReport)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let name = (parsed["accounts"] as? [[String: Any]])?.first?["name"] as? String
        #expect(name == Self.hostileName, "JSON carries the exact value, escaped")
        #expect(!json.contains("\u{1B}"))
    }

    @Test func textReportGroupsBySeverityThenListsAccounts() {
        let text = TextRenderer(color: false).render(report([
            AccountBuilder.account("Guest") { $0.rid = 501 },
            AccountBuilder.account("bob") { $0.passwordLastSet = AccountBuilder.daysAgo(400) },
            AccountBuilder.account("carol"),
        ]))
        let critical = text.range(of: "CRITICAL")!, medium = text.range(of: "MEDIUM")!, accounts = text.range(of: "ACCOUNTS WITH FINDINGS (2 of 3)")!
        #expect(critical.lowerBound < medium.lowerBound && medium.lowerBound < accounts.lowerBound)
        #expect(text.contains("1 other account(s) have no findings"))
        #expect(!text.contains("\u{1B}["), "no colour unless asked")
        #expect(TextRenderer(color: true).render(report([AccountBuilder.account("Guest") { $0.rid = 501 }])).contains("\u{1B}["))
    }

    @Test func formatsFollowFileNames() {
        #expect(OutputFormat.forFileName("r.HTML") == .html)
        #expect(OutputFormat.forFileName("r.md") == .markdown)
        #expect(OutputFormat.forFileName("r.json") == .json)
        #expect(OutputFormat.forFileName("report") == nil)
    }
}
