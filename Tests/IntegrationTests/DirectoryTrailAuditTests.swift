import Foundation
import LogTestSupport
import Testing
import TestSupport

/// The directory's audit trail read with the mail logs: a real workstation's Security log
/// (../shared/samples/evtx/new-user-security.evtx: IEUser created, then added to Users and
/// Administrators, 2013-10-23) after a relay abuse that began an hour earlier. The findings
/// name who made each change, on which host and when; the directory alone says only when.
@Suite(.enabled(if: EVTXSamples.present, "needs ../shared/samples/evtx"))
struct DirectoryTrailAuditTests {
    static let ldif = """
        dn: dc=example,dc=org
        objectClass: dcObject
        objectClass: organization
        dc: example
        o: example

        dn: uid=kiosk,ou=people,dc=example,dc=org
        objectClass: inetOrgPerson
        uid: kiosk
        cn: kiosk
        sn: kiosk
        mail: kiosk@example.org
        createTimestamp: 20100101000000Z
        pwdChangedTime: 20100101000000Z

        dn: uid=IEUser,ou=people,dc=example,dc=org
        objectClass: inetOrgPerson
        uid: IEUser
        cn: IEUser
        sn: IEUser
        createTimestamp: 20131023162239Z
        pwdChangedTime: 20131023162239Z

        dn: cn=Administrators,ou=groups,dc=example,dc=org
        objectClass: groupOfNames
        cn: Administrators
        member: uid=IEUser,ou=people,dc=example,dc=org
        modifyTimestamp: 20131023162240Z

        """

    static func mailLog() -> String {
        var lines: [String] = []
        for (index, name) in ["admin", "info", "sales", "kiosk", "test", "office"].enumerated() {
            lines.append("Oct 23 15:1\(index):00 mx postfix/smtpd[\(100 + index)]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=\(name)")
        }
        for bot in 0..<12 {
            let minute = String(format: "%02d", 20 + bot)
            lines += PostfixRelayLines.message(bot, stamps: (0..<4).map { "Oct 23 15:\(minute):0\($0)" }, host: "mx",
                                               queueID: String(format: "5B%08X", bot), client: "198.51.100.\(20 + bot)", login: "kiosk")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func persistenceAndGroupChangesNameTheActorHostAndTime() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ldif = directory.appendingPathComponent("export.ldif"), log = directory.appendingPathComponent("mail.log")
        try Self.ldif.write(to: ldif, atomically: true, encoding: .utf8)
        try Self.mailLog().write(to: log, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["audit", "--ldif", ldif.path, "--logs", log.path, "--security-logs", EVTXSamples.path("new-user-security"),
                                            "--as-of", "2013-10-24T00:00:00Z", "--year", "2013", "--timezone", "UTC", "--output", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let json = try result.json()
        let findings = try #require(json["findings"] as? [[String: Any]])
        let persistence = try #require(findings.first { $0["rule"] as? String == "persistence-account" && $0["account"] as? String == "IEUser" })
        let message = persistence["message"] as? String ?? ""
        #expect(message.contains("created 2013-10-23T16:22:39Z by WORKGROUP\\WIN-QALA5Q3KJ43$ on IE8Win7"), "\(message)")
        let evidence = persistence["evidence"] as? [String: Any]
        #expect(evidence?["created_by"] as? String == "WORKGROUP\\WIN-QALA5Q3KJ43$" && evidence?["trail_event"] as? String == "4720")
        let group = try #require(findings.first { $0["rule"] as? String == "privileged-group-changed" })
        let groupMessage = group["message"] as? String ?? ""
        #expect(groupMessage.contains("S-1-5-21-3463664321-2923530833-3546627382-1000 added 2013-10-23T16:22:40Z by WORKGROUP\\WIN-QALA5Q3KJ43$ on IE8Win7"),
                "\(groupMessage)")
        // The machine account acted (the system itself): no actor to review; the addition is
        // undone only where the trail's directory is Active Directory or Samba (this is OpenLDAP).
        let plan = try #require(json["plan"] as? [[String: Any]])
        #expect(!plan.contains { $0["action"] as? String == "remove-group-member" && !(($0["commands"] as? [Any]) ?? []).isEmpty })
        #expect(!plan.contains { ($0["title"] as? String ?? "").hasPrefix("Review the accounts that changed") })
    }
}

/// The real `.evtx` samples next to the clone (../shared/samples/evtx).
enum EVTXSamples {
    static func path(_ name: String) -> String {
        Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/samples/evtx/\(name).evtx").path
    }
    static var present: Bool { FileManager.default.fileExists(atPath: path("new-user-security")) }
}

/// Re-enabled and weakened accounts can only be seen in the trail: events in the documented
/// shape of 4722 and 4738 ("4722(S): A user account was enabled", "4738(S): A user account was
/// changed"), as `wevtutil qe Security /f:xml` prints them, after the same relay abuse.
struct TrailOnlyCorrelationTests {
    static func event(_ id: Int, _ record: Int, _ time: String, _ data: [(String, String)]) -> String {
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing'/>"
            + "<EventID>\(id)</EventID><TimeCreated SystemTime='\(time)'/><EventRecordID>\(record)</EventRecordID><Channel>Security</Channel>"
            + "<Computer>DC1.example.org</Computer></System><EventData>"
            + data.map { "<Data Name='\($0.0)'>\($0.1)</Data>" }.joined() + "</EventData></Event>"
    }

    /// An OpenLDAP person entry created long ago.
    static func person(_ uid: String) -> String {
        "dn: uid=\(uid),ou=people,dc=example,dc=org\nobjectClass: inetOrgPerson\nuid: \(uid)\ncn: \(uid)\nsn: \(uid)\ncreateTimestamp: 20100101000000Z\n"
    }

    static let extraAccounts = person("old.temp") + "\n" + person("svc.backup") + "\n"

    static let actor = person("it.support") + "\n"

    @Test func reenabledAndWeakenedAccountsNameTheActor() throws {
        let subject = [("SubjectUserSid", "S-1-5-21-1-2-3-1105"), ("SubjectUserName", "it.support"), ("SubjectDomainName", "EXAMPLE"),
                       ("SubjectLogonId", "0x3e7")]
        let trail = [
            Self.event(4722, 901, "2013-10-23T16:40:00.0000000Z", [("TargetUserName", "old.temp"), ("TargetDomainName", "EXAMPLE"),
                                                                    ("TargetSid", "S-1-5-21-1-2-3-1201")] + subject),
            Self.event(4738, 902, "2013-10-23T16:41:00.0000000Z", [("TargetUserName", "svc.backup"), ("TargetDomainName", "EXAMPLE"),
                                                                    ("TargetSid", "S-1-5-21-1-2-3-1202"), ("OldUacValue", "0x210"),
                                                                    ("NewUacValue", "0x10210")] + subject),
            Self.event(4738, 903, "2013-10-23T16:42:00.0000000Z", [("TargetUserName", "kiosk"), ("TargetDomainName", "EXAMPLE"),
                                                                    ("TargetSid", "S-1-5-21-1-2-3-1203"), ("OldUacValue", "0x10"),
                                                                    ("NewUacValue", "0x10")] + subject),
        ].joined(separator: "\n") + "\n"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = ["export.ldif": DirectoryTrailAuditTests.ldif + "\n" + Self.extraAccounts + "\n" + Self.actor, "mail.log": DirectoryTrailAuditTests.mailLog(), "security.xml": trail]
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        func run(_ security: [String]) throws -> [[String: Any]] {
            let result = try CommandRunner.run(["audit", "--ldif", directory.appendingPathComponent("export.ldif").path,
                                                "--logs", directory.appendingPathComponent("mail.log").path] + security
                                                + ["--as-of", "2013-10-24T00:00:00Z", "--year", "2013", "--timezone", "UTC", "--output", "json"])
            return try #require(try result.json()["findings"] as? [[String: Any]])
        }
        let findings = try run(["--security-logs", directory.appendingPathComponent("security.xml").path])
        let enabled = findings.filter { $0["rule"] as? String == "account-reenabled-during-incident" }
        #expect(enabled.map { $0["account"] as? String } == ["old.temp"])
        #expect((enabled.first?["message"] as? String)?.contains("enabled 2013-10-23T16:40:00Z by EXAMPLE\\it.support on DC1.example.org") == true,
                "\(enabled)")
        let weakened = findings.filter { $0["rule"] as? String == "account-weakened-during-incident" }
        #expect(weakened.map { $0["account"] as? String } == ["svc.backup"], "kiosk's change set no weakening flag")
        #expect((weakened.first?["message"] as? String)?.hasPrefix("DONT_EXPIRE_PASSWORD set 2013-10-23T16:41:00Z by EXAMPLE\\it.support") == true,
                "\(weakened)")
        // The plan: the actor to review (by its bare name), the re-enabled account disabled again.
        let plan = try #require(try CommandRunner.run(["audit", "--ldif", directory.appendingPathComponent("export.ldif").path,
                                                       "--logs", directory.appendingPathComponent("mail.log").path,
                                                       "--security-logs", directory.appendingPathComponent("security.xml").path,
                                                       "--as-of", "2013-10-24T00:00:00Z", "--year", "2013", "--timezone", "UTC", "--output", "json"])
            .json()["plan"] as? [[String: Any]])
        func step(_ prefix: String) -> [String] {
            (plan.first { ($0["title"] as? String ?? "").hasPrefix(prefix) }?["commands"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        }
        #expect(step("Review the accounts that changed").contains { $0.contains("it.support") })
        #expect(step("Disable again the accounts enabled").contains { $0.contains("old.temp") })
        // it.support made those changes and is no known administrator: held by the intruder, disabled.
        let unvouched = findings.filter { $0["rule"] as? String == "changes-by-unvouched-account" }
        #expect(unvouched.map { $0["account"] as? String } == ["it.support"])
        #expect((unvouched.first?["message"] as? String)?.contains("enabled EXAMPLE\\old.temp; changed EXAMPLE\\svc.backup") == true, "\(unvouched)")
        // Vouched for in the policy: no longer.
        let policy = directory.appendingPathComponent("policy.yaml")
        try "directory:\n  known_administrators:\n    - it.support\n".write(to: policy, atomically: true, encoding: .utf8)
        let vouched = try run(["--security-logs", directory.appendingPathComponent("security.xml").path, "--policy", policy.path])
        #expect(!vouched.contains { $0["rule"] as? String == "changes-by-unvouched-account" })
        // Without the trail, neither can be seen.
        let without = try run([])
        #expect(!without.contains { ($0["rule"] as? String ?? "").hasSuffix("-during-incident") })
    }
}

/// A Samba AD DC's JSON audit logs (Tests/Fixtures/samba, written by the live fixture's DC) as
/// the trail of the sample incident's directory: the member added to Domain Admins, the
/// re-enabled account and the flag set are found and named, and the plan undoes them.
struct SambaTrailAuditTests {
    @Test func theSambaTrailFindsAndUndoesTheChanges() throws {
        let trail = ["auth", "dsdb", "group", "password"].map { Fixtures.path("Tests/Fixtures/samba/\($0).json") }
        let result = try CommandRunner.run(["audit", "--ldif", Fixtures.path("Tests/Fixtures/samples/corp-example-test.ldif"),
                                            "--logs", Fixtures.path("Tests/Fixtures/samples/incident/mail.log"), "--security-logs"] + trail
                                           + ["--as-of", "2026-12-04T00:00:00Z", "--timezone", "UTC", "--output", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let json = try result.json()
        let findings = try #require(json["findings"] as? [[String: Any]])
        func messages(_ rule: String) -> [String] { findings.filter { $0["rule"] as? String == rule }.compactMap { $0["message"] as? String } }
        #expect(messages("privileged-group-changed").contains {
            $0.contains("evil.admin added 2026-12-03T14:54:56Z by the DC itself (S-1-5-18: local access)")
        }, "\(messages("privileged-group-changed"))")
        #expect(findings.filter { $0["rule"] as? String == "account-reenabled-during-incident" }.compactMap { $0["account"] as? String } == ["disabled.user"])
        #expect(messages("account-weakened-during-incident").contains { $0.hasPrefix("DONT_EXPIRE_PASSWORD set 2026-12-03T14:55:28Z") })
        let plan = try #require(json["plan"] as? [[String: Any]])
        let removal = plan.first { $0["action"] as? String == "remove-group-member" }
        let commands = (removal?["commands"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(commands.contains("Remove-ADGroupMember -Identity 'Domain Admins' -Members 'evil.admin' -Confirm:$false"), "\(commands)")
        #expect(commands.contains("samba-tool group removemembers -- 'Domain Admins' evil.admin"), "\(commands)")
        #expect(plan.contains { ($0["title"] as? String ?? "").hasPrefix("Clear the flags set on accounts") })
    }

    /// The README's sample audit, with the DC's trail of the sample incident
    /// (Tests/Fixtures/samples/incident/dc1, Tests/Scripts/incident/make-sample-trail.sh): the
    /// text report names who created the intruder's Domain Admin, from where, at which second,
    /// and puts the creator among the accounts to disable.
    @Test func theSampleIncidentsTrailNamesTheActorAndTheMoment() throws {
        let trail = ["auth", "dsdb", "group", "password"].map { Fixtures.path("Tests/Fixtures/samples/incident/dc1/\($0).json") }
        let arguments = ["audit", "--ldif", Fixtures.path("Tests/Fixtures/samples/corp-example-test.ldif"),
                         "--logs", Fixtures.path("Tests/Fixtures/samples/incident/mail.log"), "--security-logs"] + trail
            + ["--as-of", "2026-11-29T01:45:58Z", "--timezone", "UTC"]
        let text = try CommandRunner.run(arguments + ["--output", "text"])
        #expect(text.status == 1, "\(text.stderr)")
        let actor = "by svc.backup (S-1-5-21-3920982065-2292806344-21755646-1115) from 127.66.0.1"
        #expect(text.stdout.contains("created 2026-11-27T01:45:55Z \(actor)"), "the creation, its actor and second")
        #expect(text.stdout.contains("it.support added 2026-11-27T01:45:55Z \(actor)"), "the promotion to Domain Admins")
        #expect(text.stdout.contains("reset 2026-11-27T01:45:55Z \(actor)"), "the password the intruder set")
        let json = try CommandRunner.run(arguments + ["--output", "json"]).json()
        let verdicts = try #require(json["verdicts"] as? [[String: Any]])
        #expect(verdicts.first { $0["account"] as? String == "svc.backup" }?["verdict"] as? String == "compromised")
        let plan = try #require(json["plan"] as? [[String: Any]])
        let disable = plan.first { $0["title"] as? String == "Disable the accounts the attacker holds" }
        #expect((disable?["commands"] as? [[String: Any]] ?? []).contains { $0["text"] as? String == "samba-tool user disable -- svc.backup" })
        // Without the trail the creation is known only from whenCreated: no actor.
        let plain = try CommandRunner.run(Array(arguments.prefix(5)) + ["--as-of", "2026-11-29T01:45:58Z", "--timezone", "UTC", "--output", "text"])
        #expect(plain.stdout.contains("it.support") && !plain.stdout.contains("by svc.backup"))
    }

    /// Samba names the actor by SID: the directory's account of that SID names it in the finding
    /// (the same group change, as made over LDAP by it.support instead of over ldapi).
    @Test func anActorsSIDIsNamedFromTheDirectory() throws {
        let group = try Fixtures.text("Tests/Fixtures/samba/group.json")
            .replacingOccurrences(of: "\"userSid\": \"S-1-5-18\"", with: "\"userSid\": \"S-1-5-21-3920982065-2292806344-21755646-1112\"")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("group-\(UUID().uuidString).json")
        try group.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CommandRunner.run(["audit", "--ldif", Fixtures.path("Tests/Fixtures/samples/corp-example-test.ldif"),
                                            "--logs", Fixtures.path("Tests/Fixtures/samples/incident/mail.log"), "--security-logs", file.path,
                                            "--as-of", "2026-12-04T00:00:00Z", "--timezone", "UTC", "--output", "json"])
        let findings = try #require(try result.json()["findings"] as? [[String: Any]])
        let message = findings.first { $0["rule"] as? String == "privileged-group-changed" }?["message"] as? String ?? ""
        #expect(message.contains("evil.admin added 2026-12-03T14:54:56Z by it.support (S-1-5-21-3920982065-2292806344-21755646-1112)"), "\(message)")
    }
}
