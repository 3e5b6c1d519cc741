import Foundation
import LogTestSupport
import Testing
import TestSupport

/// The live incident: Tests/Scripts/samba-incident.sh starts a second Samba AD DC and plays an
/// intrusion against it (samba-incident.py: a spray over LDAP and Kerberos from 24 addresses,
/// it.support's password found, then evil.admin created and made a Domain Admin, disabled.user
/// enabled and its password reset, DONT_EXPIRE_PASSWORD set on carol.brown). The DC's own JSON
/// audit logs are the trail; the tests hold relay-audit's reading of it to what the script did
/// (its record, incident.json) and to the directory as it is now.
@Suite(.enabled(if: !LiveFixtures.value("RELAY_AUDIT_SAMBA_INCIDENT_TRAIL").isEmpty,
                "needs the incident DC started by Tests/Scripts/with-fixtures.sh"))
struct SambaIncidentTrailTests {
    static var trailDirectory: String { LiveFixtures.value("RELAY_AUDIT_SAMBA_INCIDENT_TRAIL") }
    static var trail: [String] { ["auth", "dsdb", "group", "password"].map { "\(trailDirectory)/\($0).json" } }

    /// What the script did, as it recorded it.
    struct Played {
        var actor: String
        var actorAddress: String
        var spray: [(address: String, user: String)]
        var changes: [String: Date]
        var end: Date
    }

    static func played() throws -> Played {
        let data = try Data(contentsOf: URL(fileURLWithPath: trailDirectory + "/incident.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let iso = ISO8601DateFormatter()
        let spray = (json["spray"] as? [[String: Any]] ?? []).map { ($0["address"] as? String ?? "", $0["user"] as? String ?? "") }
        var changes: [String: Date] = [:]
        for change in json["changes"] as? [[String: Any]] ?? [] {
            changes["\(change["change"] ?? "") \(change["target"] ?? "")"] = iso.date(from: change["at"] as? String ?? "")
        }
        return Played(actor: json["actor"] as? String ?? "", actorAddress: json["actor_address"] as? String ?? "", spray: spray,
                      changes: changes, end: try #require(iso.date(from: json["end"] as? String ?? "")))
    }

    /// The spam that followed, as the mail server logged it: disabled.user (enabled again and
    /// given a password by the intruder) authenticating from the intruder's address and
    /// sending to many outside domains, starting 30 s after the last change.
    static func mailLog(after end: Date) -> String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "MMM d HH:mm:ss"
        var lines: [String] = []
        for bot in 0..<12 {
            lines += PostfixRelayLines.message(bot, stamps: [format.string(from: end.addingTimeInterval(30 + Double(bot) * 20))], host: "mx",
                                               queueID: String(format: "6C%08X", bot), client: "127.0.1.7", login: "disabled.user@corp.example.test")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func audit(_ extra: [String] = []) throws -> (status: Int32, json: [String: Any]) {
        let played = try Self.played()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("incident-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("mail.log")
        try Self.mailLog(after: played.end).write(to: log, atomically: true, encoding: .utf8)
        let year = Calendar(identifier: .gregorian).component(.year, from: played.end)
        let result = try CommandRunner.run(
            ["audit", "--ldap", "ldaps://\(LiveFixtures.value("RELAY_AUDIT_SAMBA_INCIDENT_IP"))", "--bind-dn", LiveFixtures.sambaBindDN,
             "--password-file", LiveFixtures.sambaPasswordFile, "--ca-file", LiveFixtures.ca, "--logs", log.path,
             "--year", String(year), "--timezone", "UTC", "--output", "json", "--security-logs"] + Self.trail + extra)
        return (result.status, try result.json())
    }

    /// The finding of `rule` about `account` (nil for a finding that names none).
    static func finding(_ json: [String: Any], _ rule: String, _ account: String?) -> [String: Any]? {
        (json["findings"] as? [[String: Any]] ?? []).first { $0["rule"] as? String == rule && $0["account"] as? String == account }
    }

    /// The trail's moment for a change, in the finding's evidence, is the moment the script made it.
    static func sameMoment(_ evidence: Any?, _ expected: Date?) -> Bool {
        let facts = evidence as? [String: Any]
        guard let text = (facts?["changed"] ?? facts?["created"]) as? String, let moment = ISO8601DateFormatter().date(from: text),
              let expected else { return false }
        return moment.timeIntervalSince(expected) >= -1 && moment.timeIntervalSince(expected) <= 5
    }

    @Test func everyTryOfTheSprayIsReadWithItsAddressAndService() throws {
        let played = try Self.played()
        let result = try CommandRunner.run(["events", Self.trail[0]])
        #expect(result.status == 0, "\(result.stderr)")
        var failures: [String: [(user: String, service: String)]] = [:]
        for line in result.stdout.split(separator: "\n") {
            guard let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  (event["event"] as? [String: Any])?["action"] as? String == "auth-failure",
                  let ip = (event["source"] as? [String: Any])?["ip"] as? String, ip.hasPrefix("127.0.1.") else { continue }
            let user = ((event["user"] as? [String: Any])?["name"] as? String ?? "").lowercased()
            failures[ip, default: []].append((user, (event["network"] as? [String: Any])?["protocol"] as? String ?? ""))
        }
        #expect(played.spray.count == 48)
        for (index, address) in Set(played.spray.map(\.address)).sorted().enumerated() {
            let tried = played.spray.filter { $0.address == address }.map { $0.user + "@corp.example.test" }.sorted()
            let read = failures[address] ?? []
            #expect(read.map(\.user).sorted() == tried, "\(address)")
            // The first 16 addresses bound over LDAP, the last 8 tried Kerberos.
            let number = Int(address.split(separator: ".").last ?? "") ?? 0
            #expect(read.allSatisfy { $0.service == (number <= 16 ? "ldap" : "kerberos") }, "\(address) \(index)")
        }
    }

    @Test func theSprayIsACampaignThatGotIntoTheActorAtTheDC() throws {
        let played = try Self.played()
        let (status, json) = try audit()
        #expect(status == 1)
        let campaigns = (json["logs"] as? [String: Any])?["campaigns"] as? [[String: Any]] ?? []
        let campaign = try #require(campaigns.first)
        #expect(campaigns.count == 1)
        #expect((campaign["addresses"] as? Int ?? 0) >= 24)
        let services = Set((campaign["services"] as? [[String: Any]] ?? []).compactMap { $0["service"] as? String })
        #expect(services == ["ldap", "kerberos"])
        let entered = campaign["accounts_entered"] as? [[String: Any]] ?? []
        #expect(entered.map { $0["account"] as? String } == [played.actor])
        #expect(entered.first?["address"] as? String == played.actorAddress && entered.first?["service"] as? String == "directory")
        let logon = try #require(Self.finding(json, "directory-logon-after-spray", played.actor))
        #expect((logon["message"] as? String ?? "").contains("logged on to a domain controller as it.support@"), "\(logon)")
        #expect((json["verdicts"] as? [[String: Any]] ?? []).first { $0["account"] as? String == played.actor }?["verdict"] as? String == "compromised")
    }

    @Test func eachPersistenceStepNamesTheActorItsAddressAndTheMoment() throws {
        let played = try Self.played()
        let (_, json) = try audit()
        let actor = "by \(played.actor) (S-1-5-21-"
        let created = try #require(Self.finding(json, "persistence-account", "evil.admin"))
        #expect((created["message"] as? String ?? "").contains(actor) && (created["message"] as? String ?? "").contains("from \(played.actorAddress)"),
                "\(created)")
        #expect(Self.sameMoment(created["evidence"], played.changes["create evil.admin"]), "\(created)")
        let group = try #require(Self.finding(json, "privileged-group-changed", "Domain Admins"))
        #expect((group["message"] as? String ?? "").contains("evil.admin added "), "\(group)")
        #expect((group["message"] as? String ?? "").contains(actor), "\(group)")
        let enabled = try #require(Self.finding(json, "account-reenabled-during-incident", "disabled.user"))
        #expect((enabled["message"] as? String ?? "").contains(actor), "\(enabled)")
        #expect(Self.sameMoment(enabled["evidence"], played.changes["enable disabled.user"]), "\(enabled)")
        let weakened = try #require(Self.finding(json, "account-weakened-during-incident", "carol.brown"))
        #expect((weakened["message"] as? String ?? "").hasPrefix("DONT_EXPIRE_PASSWORD set "), "\(weakened)")
        #expect(Self.sameMoment(weakened["evidence"], played.changes["weaken carol.brown"]), "\(weakened)")
        // disabled.user's password: set by the intruder before the spam, so still theirs.
        let reset = try #require(Self.finding(json, "password-not-reset-after-abuse", "disabled.user"))
        #expect((reset["message"] as? String ?? "").contains("(reset "), "\(reset)")
        #expect((reset["message"] as? String ?? "").contains(actor), "\(reset)")
        #expect((reset["evidence"] as? [String: Any])?["password_set_from"] as? String == played.actorAddress)
        let unvouched = try #require(Self.finding(json, "changes-by-unvouched-account", played.actor))
        #expect((unvouched["message"] as? String ?? "").contains("created evil.admin"), "\(unvouched)")
        // No change by anyone else is laid at the actor's door, and the DC's own writes are no one's.
        #expect(Self.finding(json, "changes-by-unvouched-account", "S-1-5-18") == nil)
    }

    @Test func thePlanUndoesEachChangeForSamba() throws {
        let played = try Self.played()
        let (_, json) = try audit()
        let plan = json["plan"] as? [[String: Any]] ?? []
        func commands(_ prefix: String) -> [String] {
            (plan.first { ($0["title"] as? String ?? "").hasPrefix(prefix) }?["commands"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        }
        #expect(commands("Remove the members added").contains("samba-tool group removemembers -- 'Domain Admins' evil.admin"),
                "\(commands("Remove the members added"))")
        #expect(commands("Disable again the accounts enabled").contains("samba-tool user disable -- disabled.user"))
        #expect(commands("Clear the flags set").contains { $0.contains("carol.brown") })
        #expect(commands("Review the accounts that changed").contains { $0.contains(played.actor) })
        #expect(commands("Disable the accounts the attacker holds").contains("samba-tool user disable -- \(played.actor)"))
        // The spray came at the DCs: the mail server's firewall rules are not enough, and the step says so.
        let block = plan.first { $0["title"] as? String == "Block the attacking addresses" }
        #expect((block?["why"] as? String ?? "").contains("tried the domain controllers themselves"), "\(String(describing: block))")
        #expect(commands("Block the addresses that attacked the domain controllers")
            .contains("a=\(played.actorAddress); case $a in *:*) ip6tables -I INPUT -s \"$a\" -j DROP ;; *) iptables -I INPUT -s \"$a\" -j DROP ;; esac"),
                "\(commands("Block the addresses that attacked the domain controllers"))")
    }

    @Test func vouchingForTheActorClearsOnlyThatFinding() throws {
        let policy = FileManager.default.temporaryDirectory.appendingPathComponent("vouch-\(UUID().uuidString).yaml")
        try "directory:\n  known_administrators:\n    - it.support\n".write(to: policy, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: policy) }
        let (_, json) = try audit(["--policy", policy.path])
        #expect(Self.finding(json, "changes-by-unvouched-account", "it.support") == nil)
        // The spray's way in stays: vouching for the changes does not explain the logon.
        #expect(Self.finding(json, "directory-logon-after-spray", "it.support") != nil)
        #expect(Self.finding(json, "persistence-account", "evil.admin") != nil)
    }
}
