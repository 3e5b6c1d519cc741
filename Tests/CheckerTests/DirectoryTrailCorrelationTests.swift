@testable import Checker
import Directory
import LogAnalysis
import MailLogs
import RelayAuditCore
import Testing
import TestSupport

/// The correlations that read the domain controllers' side of an incident: their logons (a
/// spray against the DCs) and their audit trail (who changed what), on scripted events.
struct DirectoryTrailCorrelationTests {
    static func dcEvent(_ action: LogEvent.Action, _ user: String, from ip: String, at time: Instant,
                        service: Service = .kerberos) -> LogEvent {
        var event = LogEvent(action, time: time, format: .sambaAudit)
        event.user = user
        event.sourceIP = ip
        event.service = service
        return event
    }

    static func change(_ action: LogEvent.Action, by actor: String, target: String, at time: Instant, changes: [String] = []) -> LogEvent {
        var event = LogEvent(action, time: time, format: .sambaAudit)
        event.user = actor
        event.sourceIP = "198.51.100.66"
        event.change = DirectoryChange(target: target, changes: changes)
        return event
    }

    /// 25 addresses try two names each at the DCs, across twelve accounts; then `entered`
    /// logs on to a DC from `entryAddress`.
    static func dcSpray(_ script: inout LogScript, entered: String?, from entryAddress: String) {
        let names = ["alice", "bob", "carol", "dave", "erin", "it.support", "frank", "grace", "heidi", "ivan", "judy", "mallory"]
        for bot in 0..<25 {
            for k in 0..<2 {
                script.time = script.time.adding(seconds: 7)
                let name = names[(bot * 2 + k) % names.count]
                script.aggregator.consume(dcEvent(.authFailure, name + "@CORP.EXAMPLE", from: "203.0.113.\(bot + 1)", at: script.time,
                                                  service: bot % 2 == 0 ? .kerberos : .ldap))
            }
        }
        if let entered {
            script.time = script.time.adding(seconds: 60)
            script.aggregator.consume(dcEvent(.authSuccess, entered + "@CORP.EXAMPLE", from: entryAddress, at: script.time))
        }
    }

    @Test func aSprayAtTheDCsIsACampaignAndItsLogonIsTheWayIn() throws {
        var script = LogScript()
        Self.dcSpray(&script, entered: "it.support", from: "203.0.113.5")
        let accounts = ["alice", "bob", "it.support"].map { AccountBuilder.account($0) }
        let audit = CheckerHarness.audit(accounts, script)
        let campaign = try #require(audit.analysis.campaigns.first)
        #expect(campaign.addressCount == 25)
        #expect(Set(campaign.services.map(\.service)) == [.kerberos, .ldap])
        let entry = try #require(campaign.entered.first)
        #expect(entry.account == "it.support" && entry.directory && entry.memberAddress && entry.kind == "directory logon")
        #expect(audit.analysis.accounts.isEmpty, "no DC logon is SMTP AUTH")
        let hits = CheckerHarness.hits(.directoryLogonAfterSpray, audit.checker)
        #expect(hits.map(\.account) == ["it.support"])
        #expect(audit.checker.verdicts.first { $0.account == "it.support" }?.verdict == .compromised)
        let compromised = CheckerHarness.hits(.compromisedAccount, audit.checker).first { $0.account == "it.support" }
        #expect(compromised?.message.hasPrefix("password-spray campaign 1 got into it: a domain controller logon from 203.0.113.5") == true,
                "\(String(describing: compromised?.message))")
    }

    @Test func aLogonFromOutsideTheCampaignIsNoEntry() {
        var script = LogScript()
        Self.dcSpray(&script, entered: "it.support", from: "192.0.2.44")
        let audit = CheckerHarness.audit(["alice", "it.support"].map { AccountBuilder.account($0) }, script)
        #expect(audit.analysis.campaigns.first?.entered.isEmpty == true, "an address of its own, no history to compare with")
        #expect(CheckerHarness.hits(.directoryLogonAfterSpray, audit.checker).isEmpty)
    }

    /// Samba logs an LDAP replace of userAccountControl with no old value: a dormant account
    /// written enabled was re-enabled; an account in daily use written enabled says nothing.
    @Test func aReplacedControlOnADormantAccountIsAReenable() throws {
        var script = LogScript()
        Self.dcSpray(&script, entered: nil, from: "")
        let later = script.time.adding(seconds: 300)
        script.aggregator.consume(Self.change(.accountChanged, by: "CORP\\it.support", target: "old.temp", at: later,
                                              changes: ["userAccountControl: ? -> 0x200"]))
        script.aggregator.consume(Self.change(.accountChanged, by: "CORP\\it.support", target: "alice", at: later,
                                              changes: ["userAccountControl: ? -> 0x200"]))
        script.aggregator.consume(Self.change(.accountChanged, by: "CORP\\it.support", target: "never.used", at: later,
                                              changes: ["userAccountControl: ? -> 0x202"]))
        let accounts = [AccountBuilder.account("alice"), AccountBuilder.account("old.temp") { $0.lastLogon = AccountBuilder.daysAgo(400) },
                        AccountBuilder.account("never.used") { $0.lastLogon = nil }]
        let result = CheckerHarness.run(accounts, script)
        let hits = CheckerHarness.hits(.accountReenabledDuringIncident, result)
        #expect(hits.map(\.account) == ["old.temp"], "alice is in daily use; never.used was written disabled")
        #expect(hits.first?.message.contains("the account had not logged on since") == true, "\(hits)")
    }

    @Test func aContainedAccountSaysWhoResetItsPassword() throws {
        var script = LogScript()
        script.spamRun("alice")
        let reset = script.time.adding(seconds: 3_600)
        script.aggregator.consume(Self.change(.passwordReset, by: "CORP\\helpdesk", target: "alice", at: reset))
        let alice = AccountBuilder.account("alice") { $0.passwordLastSet = reset }
        let result = CheckerHarness.run([alice], script, asOf: reset.adding(seconds: 60))
        let contained = try #require(CheckerHarness.hits(.abuseContained, result).first)
        #expect(contained.message.contains("(reset \(reset.iso8601) by CORP\\helpdesk from 198.51.100.66, per the audit trail)"),
                "\(contained.message)")
        // Without the trail: the same finding, no name.
        var plain = LogScript()
        plain.spamRun("alice")
        let without = try #require(CheckerHarness.hits(.abuseContained, CheckerHarness.run([alice], plain, asOf: reset.adding(seconds: 60))).first)
        #expect(!without.message.contains("per the audit trail"))
    }
}

/// The index answers as a scan of the accounts with `DirectoryTrail.names` would.
struct TrailAccountIndexTests {
    @Test func itFindsWhatTheScanFinds() {
        let accounts = [
            AccountBuilder.account("alice") { $0.sid = "S-1-5-21-1-2-3-1104" },
            AccountBuilder.account("bob"),
            AccountBuilder.account("Carol") { $0.sid = "S-1-5-21-1-2-3-1106" },
        ]
        let snapshot = AccountBuilder.snapshot(accounts)
        let index = TrailAccountIndex(snapshot)
        let changes: [DirectoryChange?] = [
            nil,
            DirectoryChange(target: "CORP\\alice", targetID: "S-1-5-21-1-2-3-1104"),
            DirectoryChange(target: "alice", targetID: "s-1-5-21-1-2-3-9999"),  // another SID: not alice
            DirectoryChange(target: "CORP\\bob", targetID: "S-1-5-21-1-2-3-1105"),  // bob has no SID: by name
            DirectoryChange(target: "carol", targetID: "CN=Carol,OU=Staff,DC=corp,DC=example"),
            DirectoryChange(target: "carol", targetID: "CN=Nobody,OU=Staff,DC=corp,DC=example"),
            DirectoryChange(target: "carol@corp.example"),
            DirectoryChange(target: "mallory"),
        ]
        for change in changes {
            let scanned = accounts.first { DirectoryTrail.names($0, change) }
            #expect(index.account(for: change)?.dn == scanned?.dn, "\(String(describing: change?.target)) \(String(describing: change?.targetID))")
        }
        #expect(index.account(for: changes[1])?.name == "alice" && index.account(for: changes[3])?.name == "bob")
    }
}
