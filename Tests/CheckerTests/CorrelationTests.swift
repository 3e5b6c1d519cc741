import RelayAuditCore
import Checker
import Directory
import Foundation
import Testing
import TestSupport

/// Each correlation with a case that triggers it and one that does not.
struct CorrelationTests {
    @Test func authByForbiddenAccount() {
        var script = LogScript()
        script.login("guest", from: "192.0.2.5")
        script.login("olduser", from: "192.0.2.6")
        script.login("bob", from: "192.0.2.7")
        let result = CheckerHarness.run([
            AccountBuilder.account("Guest") { $0.rid = 501 },
            AccountBuilder.account("olduser") { $0.state = .disabled },
            AccountBuilder.account("bob"),
        ], script)
        let hits = CheckerHarness.hits(.authByForbiddenAccount, result)
        #expect(Set(hits.compactMap(\.account)) == ["Guest", "olduser"])
        #expect(hits.allSatisfy { $0.severity == .critical })
        #expect(result.verdicts.first { $0.account == "olduser" }?.verdict == .compromised)
        #expect(result.verdicts.first { $0.account == "bob" }?.verdict == .clean)
    }

    @Test func expiredLockedAndNeverLoggedOnAccountsToo() {
        var script = LogScript()
        script.login("temp", from: "192.0.2.5")
        script.login("locked", from: "192.0.2.6")
        script.login("fresh", from: "192.0.2.7")
        let result = CheckerHarness.run([
            AccountBuilder.account("temp") { $0.expires = AccountBuilder.daysAgo(30) },
            AccountBuilder.account("locked") { $0.lockedOut = true },
            AccountBuilder.account("fresh") { $0.lastLogon = nil; $0.lastLogonSource = nil },
        ], script)
        #expect(Set(CheckerHarness.hits(.authByForbiddenAccount, result).compactMap(\.account)) == ["temp", "locked", "fresh"])
    }

    @Test func passwordNotResetAfterAbuseAndContained() {
        var script = LogScript(start: CheckerHarness.time(daysAgo: 10))
        script.spamRun("kiosk")
        script.spamRun("contained")
        let result = CheckerHarness.run([
            AccountBuilder.account("kiosk") { $0.passwordLastSet = AccountBuilder.daysAgo(900) },
            AccountBuilder.account("contained") { $0.passwordLastSet = AccountBuilder.daysAgo(1) },
        ], script)
        #expect(CheckerHarness.hits(.passwordNotResetAfterAbuse, result).compactMap(\.account) == ["kiosk"])
        #expect(CheckerHarness.hits(.abuseContained, result).compactMap(\.account) == ["contained"])
        #expect(result.verdicts.first { $0.account == "kiosk" }?.passwordResetAfterAbuse == false)
        #expect(result.verdicts.first { $0.account == "contained" }?.passwordResetAfterAbuse == true)
    }

    @Test func persistenceIsJudgedAgainstTheIncidentsStart() {
        var script = LogScript(start: CheckerHarness.time(daysAgo: 10))
        script.spamRun("kiosk")
        let result = CheckerHarness.run([
            AccountBuilder.account("kiosk") { $0.passwordLastSet = AccountBuilder.daysAgo(900) },
            AccountBuilder.account("it.support") { $0.created = AccountBuilder.daysAgo(2); $0.privileged = true; $0.privilegedVia = ["Domain Admins"] },
            AccountBuilder.account("newhire") { $0.created = AccountBuilder.daysAgo(5) },
            AccountBuilder.account("before") { $0.created = AccountBuilder.daysAgo(20) },
        ], script)
        let hits = CheckerHarness.hits(.persistenceAccount, result)
        #expect(Set(hits.compactMap(\.account)) == ["it.support", "newhire"])
        #expect(hits.first { $0.account == "it.support" }?.severity == .critical)
        #expect(hits.first { $0.account == "newhire" }?.severity == .high)
        #expect(result.verdicts.first { $0.account == "it.support" }?.verdict == .compromised)
    }

    @Test func privilegedGroupsChangedDuringTheIncidentAreNamed() {
        var script = LogScript(start: CheckerHarness.time(daysAgo: 10))
        script.spamRun("kiosk")
        let intruder = AccountBuilder.account("it.support") { $0.created = AccountBuilder.daysAgo(2) }
        let oldAdmin = AccountBuilder.account("Administrator")
        func group(_ name: String, changedDaysAgo days: Double) -> PrivilegedGroup {
            PrivilegedGroup(group: DirectoryGroup(dn: "CN=\(name),CN=Users,DC=corp,DC=example", name: name,
                                                  members: [intruder.dn, oldAdmin.dn], changed: AccountBuilder.daysAgo(days)),
                            via: [name])
        }
        let audit = CheckerHarness.audit([AccountBuilder.account("kiosk"), intruder, oldAdmin], script) {
            $0.privilegedGroups = [group("Domain Admins", changedDaysAgo: 2), group("Schema Admins", changedDaysAgo: 400)]
        }
        let hits = CheckerHarness.hits(.privilegedGroupChanged, audit.checker)
        #expect(hits.map(\.account) == ["Domain Admins"])
        #expect(hits.first?.severity == .high)
        #expect(hits.first?.message.contains("review its 2 member(s): it.support, Administrator; created during the incident: it.support") == true)
        // A group is a finding, not an account with a verdict.
        #expect(!audit.checker.verdicts.contains { $0.account == "Domain Admins" })
    }

    @Test func noGroupFindingWithoutAnIncident() {
        var script = LogScript()
        script.login("alice", from: "192.0.2.1")
        let audit = CheckerHarness.audit([AccountBuilder.account("alice")], script) {
            $0.privilegedGroups = [PrivilegedGroup(group: DirectoryGroup(dn: "CN=DA,DC=corp", name: "DA", changed: AccountBuilder.daysAgo(1)), via: ["DA"])]
        }
        #expect(CheckerHarness.hits(.privilegedGroupChanged, audit.checker).isEmpty)
    }

    @Test func noPersistenceWithoutAnIncident() {
        var script = LogScript()
        script.login("alice", from: "192.0.2.1")
        let result = CheckerHarness.run([AccountBuilder.account("it.support") { $0.created = AccountBuilder.daysAgo(2) }], script)
        #expect(CheckerHarness.hits(.persistenceAccount, result).isEmpty)
    }

    @Test func weakCredentialExplainsAFall() {
        var script = LogScript(start: CheckerHarness.time(daysAgo: 10))
        for name in ["admin", "test", "kiosk", "info", "sales"] { script.fail(name, from: "192.0.2.66") }
        script.spamRun("kiosk")
        script.spamRun("strong")
        let result = CheckerHarness.run([
            AccountBuilder.account("kiosk") { $0.passwordNeverExpires = true; $0.passwordLastSet = AccountBuilder.daysAgo(900) },
            AccountBuilder.account("strong") { $0.passwordLastSet = AccountBuilder.daysAgo(1) },
        ], script)
        let hit = CheckerHarness.hits(.weakCredential, result).first { $0.account == "kiosk" }
        #expect(hit?.message.contains("password-never-expires") == true)
        #expect(hit?.message.contains("spray's list") == true)
        #expect(CheckerHarness.hits(.weakCredential, result).first { $0.account == "strong" } == nil)
    }

    @Test func privilegedSMTPAuth() {
        var script = LogScript()
        script.login("admin.jane", from: "192.0.2.1")
        script.login("alice", from: "192.0.2.2")
        let result = CheckerHarness.run([
            AccountBuilder.account("admin.jane") { $0.privileged = true; $0.privilegedVia = ["Domain Admins"] },
            AccountBuilder.account("alice"),
        ], script)
        #expect(CheckerHarness.hits(.privilegedSMTPAuth, result).compactMap(\.account) == ["admin.jane"])
    }

    @Test func staleByEvidenceAndInUseDespiteStale() {
        var script = LogScript()
        script.login("reports", from: "192.0.2.60")
        script.login("alice", from: "192.0.2.2")
        let result = CheckerHarness.run([
            AccountBuilder.account("reports") { $0.lastLogon = AccountBuilder.daysAgo(300); $0.lastLogonSource = .lastLogon },
            AccountBuilder.account("forgotten") { $0.lastLogon = AccountBuilder.daysAgo(400); $0.lastLogonSource = .lastLogon },
            AccountBuilder.account("alice"),
            AccountBuilder.account("vacation") { $0.lastLogon = AccountBuilder.daysAgo(30); $0.lastLogonSource = .lastLogon },
        ], script)
        #expect(CheckerHarness.hits(.inUseDespiteStale, result).compactMap(\.account) == ["reports"])
        #expect(CheckerHarness.hits(.staleByEvidence, result).compactMap(\.account) == ["forgotten"])
    }

    @Test func identitiesNotInTheDirectory() {
        var script = LogScript()
        script.login("localuser", from: "192.0.2.9")
        script.login("alice", from: "192.0.2.2")
        script.fail("nobody", from: "192.0.2.10")
        let result = CheckerHarness.run([AccountBuilder.account("alice")], script)
        #expect(CheckerHarness.hits(.authenticatedNotInDirectory, result).compactMap(\.account) == ["localuser"])
    }

    @Test func everyCorrelationIsInTheDefaultPolicy() {
        for id in Checker.ruleIDs {
            #expect(RuleHarness.policy.rules[id.rawValue] != nil, "\(id) is missing from Policies/default.yaml")
        }
    }
}

/// The checker hands its join over: later stages read which log accounts are which directory
/// account, and the verdict that covers each, instead of redoing the join.
struct CheckerJoinTests {
    @Test func everyLogAccountIsJoinedAndCoveredByItsAccountsVerdict() {
        var script = AdvisorHarnessScript.incident()
        script.login("alice", from: "198.51.100.7")
        script.login("ghost", from: "198.51.100.8")
        let result = CheckerHarness.run([AccountBuilder.account("kiosk"), AccountBuilder.account("alice")], script)
        let names = Set(result.joined.map(\.log.user))
        #expect(names.isSuperset(of: ["kiosk", "alice", "ghost"]))
        let kiosk = result.joined.first { $0.log.user == "kiosk" }
        #expect(kiosk?.directory?.name == "kiosk")
        #expect(kiosk.flatMap(result.verdict(for:))?.verdict == .compromised)
        #expect(result.compromisedJoined.map(\.log.user) == ["kiosk"])
        let ghost = result.joined.first { $0.log.user == "ghost" }
        #expect(ghost?.directory == nil && ghost.flatMap(result.verdict(for:))?.dn == nil)
    }
}

/// A spray that ends in a compromised account, as the advisor's tests use.
enum AdvisorHarnessScript {
    static func incident() -> LogScript {
        var script = LogScript(start: CheckerHarness.time(daysAgo: 5))
        for name in ["admin", "test", "kiosk", "info", "sales", "guest"] { script.fail(name, from: "192.0.2.66") }
        script.login("kiosk", from: "192.0.2.66")
        script.spamRun("kiosk")
        return script
    }
}
