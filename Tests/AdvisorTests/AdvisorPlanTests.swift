import Advisor
import Directory
import MailLogs
import RelayAuditCore
import Testing
import TestSupport

/// The plan follows the evidence: each step appears when, and only when, something calls for it.
struct AdvisorPlanTests {
    static let victim = AccountBuilder.account("kiosk") { $0.passwordLastSet = AccountBuilder.daysAgo(900) }

    @Test func phasesComeInOrderAndStepsAreNumbered() throws {
        let plan = try AdvisorHarness.plan([Self.victim, AccountBuilder.account("alice")], AdvisorHarness.incident())
        let phases = plan.map(\.phase)
        #expect(phases == phases.sorted { PlanPhase.allCases.firstIndex(of: $0)! < PlanPhase.allCases.firstIndex(of: $1)! })
        #expect(Set(phases) == Set(PlanPhase.allCases))
        #expect(plan.map(\.order) == Array(1...plan.count))
        // Containment starts by disabling the account, before anything is purged.
        #expect(plan.first?.action.rawValue == "disable-account")
        #expect(plan.first?.accounts == ["kiosk"])
        #expect(plan.last?.action.rawValue == "rerun-audit")
    }

    @Test func everyStepSaysWhy() throws {
        let plan = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident())
        #expect(plan.allSatisfy { !$0.why.isEmpty && !$0.title.isEmpty })
        #expect(AdvisorHarness.step("disable-account", plan)?.why.contains("kiosk") == true)
        #expect(AdvisorHarness.step("block-address", plan)?.why.contains("1 address") == true)
    }

    /// Whatever the verdicts say, no command blocks an address the server itself uses, nor a
    /// campaign network holding one (the plan's own guard, below the analysis's).
    @Test func thePlanNeverBlocksTheServersOwnAddresses() throws {
        func commands(_ plan: [PlanStep]) -> [String] { plan.flatMap { $0.commands.map(\.text) } }
        let plain = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident())
        #expect(commands(plain).contains { $0.contains("192.0.2.66") }, "the sprayer is blocked")
        let guarded = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident()) { _ in } adjust: { analysis in
            analysis.infrastructure.insert(AddressRange("192.0.2.66")!)
        }
        #expect(!commands(guarded).contains { $0.contains("192.0.2.66") })

        // A campaign of 60 addresses in one /24 is blocked by network, unless the server is in it.
        var spray = LogScript(start: CheckerHarness.time(daysAgo: 5))
        let names = ["admin", "test", "info", "sales", "office", "backup", "support", "scanner"]
        for n in 0..<60 {
            spray.time = spray.time.adding(seconds: 120)
            spray.fail(names[n % names.count], from: "203.0.113.\(n + 1)")
        }
        let campaign = try AdvisorHarness.plan([Self.victim], spray)
        #expect(commands(campaign).contains { $0.contains("203.0.113.0/24") }, "\(campaign.map(\.action.rawValue))")
        let server = try AdvisorHarness.plan([Self.victim], spray) { _ in } adjust: { analysis in
            analysis.infrastructure.insert(AddressRange("203.0.113.250")!)
        }
        #expect(!commands(server).contains { $0.contains("203.0.113.0/24") })
    }

    @Test func aCleanAuditPlansNoContainment() throws {
        var script = LogScript()
        script.login("alice", from: "192.0.2.1")
        let plan = try AdvisorHarness.plan([AccountBuilder.account("alice")], script)
        #expect(!plan.contains { $0.phase == .contain || $0.phase == .eradicate })
        #expect(plan.map(\.action.rawValue) == ["rerun-audit"])
    }

    @Test func anAccountAlreadyResetIsNotDisabledButStillReset() throws {
        let reset = AccountBuilder.account("kiosk") { $0.passwordLastSet = AccountBuilder.daysAgo(0.1) }
        let plan = try AdvisorHarness.plan([reset], AdvisorHarness.incident())
        #expect(AdvisorHarness.step("disable-account", plan) == nil)
        let step = try #require(AdvisorHarness.step("reset-password", plan))
        #expect(step.accounts == ["kiosk"])
        #expect(step.why.contains("already reset"))
    }

    @Test func guestIsDisabledOnlyWhenEnabled() throws {
        let enabledGuest = AccountBuilder.account("Guest") { $0.rid = 501 }
        let disabledGuest = AccountBuilder.account("Guest") { $0.rid = 501; $0.state = .disabled }
        let withGuest = try AdvisorHarness.plan([Self.victim, enabledGuest], AdvisorHarness.incident())
        let withoutGuest = try AdvisorHarness.plan([Self.victim, disabledGuest], AdvisorHarness.incident())
        #expect(AdvisorHarness.step("disable-guest", withGuest)?.phase == .eradicate)
        #expect(AdvisorHarness.step("disable-guest", withoutGuest) == nil)
    }

    @Test func mtaCommandsFollowTheLogsThatWereRead() throws {
        let exim = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident(), formats: ["exim"])
        let postfix = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident(), formats: ["postfix", "dovecot"])
        let mailTargets: Set<String> = ["postfix", "exim", "sendmail", "exchange"]
        func targets(_ plan: [PlanStep]) -> Set<String> { Set(plan.flatMap(\.commands).map(\.target.rawValue)).intersection(mailTargets) }
        #expect(targets(exim) == ["exim"])
        #expect(targets(postfix) == ["postfix"])
        #expect(AdvisorHarness.step("hold-sender", exim)?.commands.first?.text.hasPrefix("exiqgrep -i -f '^<billing\\@bank") == true)
        #expect(AdvisorHarness.step("hold-sender", postfix)?.commands.first?.text.hasPrefix("postqueue -j") == true)
    }

    @Test func directoryCommandsFollowTheDirectoryKind() throws {
        let ad = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident(), kind: .activeDirectory)
        let openldap = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident(), kind: .openldap)
        let freeipa = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident(), kind: .freeipa)
        func disable(_ plan: [PlanStep]) -> [String] { AdvisorHarness.step("disable-account", plan)?.commands.map(\.target.rawValue) ?? [] }
        #expect(disable(ad) == ["active-directory", "samba"])
        #expect(disable(openldap) == ["openldap"])
        #expect(disable(freeipa) == ["freeipa", "389ds"])
        #expect(AdvisorHarness.step("reset-krbtgt", ad) != nil)
        #expect(AdvisorHarness.step("reset-krbtgt", openldap) == nil)
        let ldif = try #require(AdvisorHarness.step("disable-account", openldap)?.commands.first)
        #expect(ldif.language == .ldif)
        #expect(ldif.text.contains("dn: CN=kiosk,OU=Staff,DC=corp,DC=example\nchangetype: modify\nreplace: pwdAccountLockedTime"))
    }

    @Test func persistenceAccountsAreDisabledAndTheirPrivilegesRemoved() throws {
        let intruder = AccountBuilder.account("it.support") {
            $0.created = AccountBuilder.daysAgo(1)
            $0.privileged = true
            $0.privilegedVia = ["Domain Admins"]
        }
        let plan = try AdvisorHarness.plan([Self.victim, intruder], AdvisorHarness.incident())
        #expect(Set(AdvisorHarness.step("disable-account", plan)?.accounts ?? []) == ["kiosk", "it.support"])
        #expect(AdvisorHarness.step("remove-privileged-membership", plan)?.accounts == ["it.support"])
    }

    @Test func privilegedGroupsChangedDuringTheIncidentAreReviewed() throws {
        let changed = PrivilegedGroup(group: DirectoryGroup(dn: "CN=Domain Admins,CN=Users,DC=corp,DC=example", name: "Domain Admins",
                                                            changed: AccountBuilder.daysAgo(1)), via: ["Domain Admins"])
        let plan = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident()) { $0.privilegedGroups = [changed] }
        let step = try #require(AdvisorHarness.step("review-privileged-group", plan))
        #expect(step.phase == .eradicate)
        #expect(step.commands.map(\.text).contains("samba-tool group listmembers -- 'Domain Admins'"))
        #expect(step.commands.first?.text.contains("Get-ADReplicationAttributeMetadata -Object 'CN=Domain Admins,CN=Users,DC=corp,DC=example'") == true)
        let unchanged = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident())
        #expect(AdvisorHarness.step("review-privileged-group", unchanged) == nil)
    }

    @Test func everyPrivilegedPasswordIsResetAfterACompromise() throws {
        let admin = AccountBuilder.account("Administrator") { $0.rid = 500; $0.privileged = true }
        let service = AccountBuilder.account("svc.web") { $0.servicePrincipalNames = ["HTTP/web.corp.example"] }
        let plan = try AdvisorHarness.plan([Self.victim, admin, service, AccountBuilder.account("alice")], AdvisorHarness.incident())
        let resets = AdvisorHarness.steps("reset-password", plan)
        #expect(resets.map(\.accounts) == [["kiosk"], ["Administrator", "svc.web"]])
    }

    @Test func flagsAreClearedWhereTheDirectoryHasThem() throws {
        let notRequired = AccountBuilder.account("notreqd") { $0.passwordNotRequired = true }
        let reversible = AccountBuilder.account("rev") { $0.reversibleEncryption = true }
        let plan = try AdvisorHarness.plan([Self.victim, notRequired, reversible], AdvisorHarness.incident())
        #expect(AdvisorHarness.step("clear-password-not-required", plan)?.accounts == ["notreqd"])
        #expect(AdvisorHarness.step("clear-reversible-encryption", plan)?.accounts == ["rev"])
        let clean = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident())
        #expect(AdvisorHarness.step("clear-password-not-required", clean) == nil)
        #expect(AdvisorHarness.step("clear-reversible-encryption", clean) == nil)
    }

    @Test func hardeningMatchesTheAbuseSeen() throws {
        let plan = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident())
        for action in ["sender-login-match", "rate-limit-per-user", "auth-failure-throttling"] {
            #expect(AdvisorHarness.step(action, plan)?.phase == .harden, "\(action)")
        }
        // Delisting comes last, after the spam has stopped.
        let recover = plan.filter { $0.phase == .recover }.map(\.action.rawValue)
        #expect(recover == ["check-blocklists", "release-held-mail", "rerun-audit"])
    }

    /// Bounces were written: refuse unknown recipients at RCPT time, with the MTA's own setting;
    /// no bounce, no step.
    @Test func recipientsAreValidatedWhenBouncesWereSeen() throws {
        let postfix = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident())
        let step = try #require(AdvisorHarness.step("validate-recipients", postfix))
        #expect(step.phase == .harden && step.why.contains("non-delivery notifications"))
        #expect(step.commands.map(\.target.rawValue) == ["postfix"] && step.commands.first?.text.contains("smtpd_reject_unlisted_recipient = yes") == true)
        let exim = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident(), formats: ["exim"])
        #expect(AdvisorHarness.step("validate-recipients", exim)?.commands.first?.text.contains("require verify = recipient") == true)
        var quiet = LogScript(start: CheckerHarness.time(daysAgo: 5))
        for name in ["admin", "test", "kiosk", "info", "sales", "guest"] { quiet.fail(name, from: "192.0.2.66") }
        quiet.login("kiosk", from: "192.0.2.66")
        for bot in 0..<30 { quiet.send("kiosk", from: "203.0.\(bot).9", sender: "billing@bank\(bot).example", to: ["r@d\(bot).example"]) }
        let noBounces = try AdvisorHarness.plan([Self.victim], quiet)
        #expect(AdvisorHarness.step("reset-password", noBounces) != nil, "kiosk is compromised all the same")
        #expect(AdvisorHarness.step("validate-recipients", noBounces) == nil)
    }

    /// The version a start line named is in the step, with the MTA's check-for-updates
    /// commands; no start line read (the tool does not know what runs), or nothing abused, no step.
    @Test func theServerIsBroughtUpToDateWhenItsVersionWasSeen() throws {
        let started = CheckerHarness.time(daysAgo: 6)
        let software = [ServerSoftware(product: "postfix", version: "3.7.11", time: started, fileIndex: 0, offset: 193),
                        ServerSoftware(product: "dovecot", version: "2.3.19.1", time: started, fileIndex: 0, offset: 0)]
        let plan = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident(), software: software)
        let step = try #require(AdvisorHarness.step("update-server", plan))
        #expect(step.phase == .harden)
        #expect(step.why.contains("Postfix 3.7.11") && step.why.contains("Dovecot 2.3.19.1"))
        #expect(step.commands.map(\.target.rawValue) == ["postfix"] && step.commands.first?.text.contains("postconf -d mail_version") == true)
        let exchange = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident(), formats: ["exchange-protocol"],
                                               software: [ServerSoftware(product: "exchange", version: "15.01.2507.006", time: started, fileIndex: 0, offset: 0)])
        #expect(AdvisorHarness.step("update-server", exchange)?.commands.first?.text.contains("AdminDisplayVersion") == true)
        #expect(AdvisorHarness.step("update-server", try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident())) == nil)
        var quiet = LogScript(start: CheckerHarness.time(daysAgo: 5))
        quiet.login("kiosk", from: "198.51.100.20")
        #expect(AdvisorHarness.step("update-server", try AdvisorHarness.plan([Self.victim], quiet, software: software)) == nil)
    }

    /// The audit trail's additions to a privileged group after the incident began are undone
    /// member by member, with the directory's own command; the actor is reviewed; an addition
    /// before the incident, or to an ordinary group, is left alone.
    @Test func membersAddedDuringTheIncidentAreRemovedAndTheActorReviewed() throws {
        let admins = DirectoryGroup(dn: "CN=Domain Admins,CN=Users,DC=corp,DC=example", name: "Domain Admins")
        func added(_ member: String, to group: String, daysAgo: Double) -> LogEvent {
            var event = LogEvent(.memberAdded, time: CheckerHarness.time(daysAgo: daysAgo), format: .windowsEvents)
            event.user = "CORP\\it.support"
            event.change = DirectoryChange(target: member, group: group)
            return event
        }
        let plan = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident(), configure: { snapshot in
            snapshot.privilegedGroups = [PrivilegedGroup(group: admins, via: ["Domain Admins"])]
        }, adjust: { analysis in
            analysis.directoryChanges = [added("CORP\\old.admin", to: "CORP\\Domain Admins", daysAgo: 30),
                                         added("CORP\\evil'; Remove-Item x", to: "CORP\\Domain Admins", daysAgo: 1),
                                         added("CORP\\evil2", to: "CORP\\Staff", daysAgo: 1)]
        })
        let step = try #require(AdvisorHarness.step("remove-group-member", plan))
        #expect(step.phase == .eradicate)
        #expect(step.commands.map(\.text) == ["Remove-ADGroupMember -Identity 'Domain Admins' -Members 'CORP\\evil''; Remove-Item x' -Confirm:$false",
                                               "samba-tool group removemembers -- 'Domain Admins' 'CORP\\evil'\\''; Remove-Item x'"])
        let review = try #require(plan.first { $0.title.hasPrefix("Review the accounts that changed") })
        #expect(review.commands.contains { $0.text.contains("it.support") })
    }

    @Test func spamIsHeldByLoginAndBySender() throws {
        let plan = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident())
        let byLogin = try #require(AdvisorHarness.step("hold-account-mail", plan))
        #expect(byLogin.commands.map(\.text).allSatisfy { $0.hasPrefix("login=kiosk; postqueue -j") })
        let bySender = try #require(AdvisorHarness.step("hold-sender", plan))
        #expect(bySender.commands.count == 10)  // the forged senders the analysis keeps per account
        #expect(plan.firstIndex { $0.action.rawValue == "hold-sender" }! < plan.firstIndex { $0.action.rawValue == "purge-sender" }!)
        #expect(AdvisorHarness.step("purge-ndr", plan) != nil)
    }

    @Test func loginsNoEntryMatchesAreSearchedForWithEscapedFilters() throws {
        var script = AdvisorHarness.incident()
        script.spamRun("CORP\\ghost*)(uid=*", bots: 30)
        script.spamRun(String(repeating: "B", count: 2000), bots: 30)
        let ad = try AdvisorHarness.plan([Self.victim], script)
        let step = try #require(AdvisorHarness.step("find-account", ad))
        #expect(step.phase == .contain)
        #expect(step.why.contains("1 longer login(s) cannot be a directory name"))
        // kiosk is in the directory: only the ghost is searched, by bare name and as typed.
        #expect(step.commands.map(\.text) == [
            #"Get-ADUser -LDAPFilter '(&(objectCategory=person)(objectClass=user)(|(sAMAccountName=ghost\2a\29\28uid=\2a)(userPrincipalName=CORP\5cghost\2a\29\28uid=\2a)(mail=CORP\5cghost\2a\29\28uid=\2a)(proxyAddresses=smtp:CORP\5cghost\2a\29\28uid=\2a)))' -Properties mail,proxyAddresses,userPrincipalName | Format-List DistinguishedName,SamAccountName,UserPrincipalName,Enabled,mail"#,
            #"ldbsearch -H /var/lib/samba/private/sam.ldb '(&(objectCategory=person)(objectClass=user)(|(sAMAccountName=ghost\2a\29\28uid=\2a)(userPrincipalName=CORP\5cghost\2a\29\28uid=\2a)(mail=CORP\5cghost\2a\29\28uid=\2a)(proxyAddresses=smtp:CORP\5cghost\2a\29\28uid=\2a)))' dn sAMAccountName userPrincipalName mail userAccountControl"#,
        ])
        #expect(ad.firstIndex { $0.action.rawValue == "disable-account" }! < ad.firstIndex { $0.action.rawValue == "find-account" }!)
        let clean = try AdvisorHarness.plan([Self.victim], AdvisorHarness.incident())
        #expect(AdvisorHarness.step("find-account", clean) == nil, "every compromised login matched an entry")
    }
}
