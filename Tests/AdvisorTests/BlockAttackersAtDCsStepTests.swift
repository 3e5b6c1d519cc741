import Advisor
import Directory
import LogAnalysis
import MailLogs
import RelayAuditCore
import Testing
import TestSupport

/// A spray at the domain controllers (their trail's failed logons) is blocked on the DCs too;
/// a spray at the mail server alone is not.
struct BlockAttackersAtDCsStepTests {
    static func spray(service: Service?) -> LogScript {
        var script = LogScript(start: CheckerHarness.time(daysAgo: 3))
        let names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
        for bot in 0..<25 {
            for k in 0..<2 {
                script.time = script.time.adding(seconds: 11)
                var event = LogEvent(.authFailure, time: script.time, format: service == nil ? .postfix : .sambaAudit)
                event.user = names[(bot * 2 + k) % names.count]
                event.sourceIP = "203.0.113.\(bot + 1)"
                event.service = service
                script.aggregator.consume(event)
            }
        }
        return script
    }

    @Test func aSprayAtTheDCsIsBlockedOnThem() throws {
        let accounts = ["alice", "bob"].map { AccountBuilder.account($0) }
        let plan = try AdvisorHarness.plan(accounts, Self.spray(service: .kerberos))
        let step = try #require(AdvisorHarness.step("block-address-at-dc", plan))
        let texts = step.commands.map(\.text)
        #expect(texts.contains("New-NetFirewallRule -DisplayName 'relay-audit: block password guessing' -Direction Inbound -Action Block -RemoteAddress '203.0.113.5'"),
                "\(texts)")
        #expect(texts.contains { $0.contains("203.0.113.25") && $0.hasPrefix("a=") }, "samba-tool's host: iptables")
        #expect(step.why.contains("from 25 address(es)"), "\(step.why)")
        // On OpenLDAP there is no DC to block on.
        #expect(AdvisorHarness.step("block-address-at-dc", try AdvisorHarness.plan(accounts, Self.spray(service: .kerberos), kind: .openldap)) == nil)
    }

    @Test func aSprayAtTheMailServerIsNot() throws {
        let plan = try AdvisorHarness.plan(["alice", "bob"].map { AccountBuilder.account($0) }, Self.spray(service: nil))
        #expect(AdvisorHarness.step("block-address", plan) != nil)
        #expect(AdvisorHarness.step("block-address-at-dc", plan) == nil)
    }
}
