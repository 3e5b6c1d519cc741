import Foundation
import LogTestSupport
import Testing
import TestSupport

/// The password-spray scenarios of Tests/Scripts/spray/make-spray-logs.py, Postfix with Dovecot
/// and Exim with Dovecot, held to their truth files: each verdict, each campaign, and nothing
/// on the benign look-alikes.
@Suite(.enabled(if: CommandRunner.builtRelayAudit != nil, "\(CommandRunner.needsBinary)"))
struct SprayScenarioTests {
    static let scenarios = ["spray-silent", "spray-spam", "low-and-slow", "two-campaigns", "benign"]

    @Test(arguments: scenarios, ["postfix", "exim"])
    func verdictsAndCampaignsMatchTheTruth(_ scenario: String, _ mta: String) throws {
        let (report, truth) = try SprayScenario.run(scenario, mta: mta)
        let accounts = try #require(report["accounts"] as? [[String: Any]])
        func named(_ verdict: String) -> Set<String> {
            Set(accounts.filter { $0["verdict"] as? String == verdict }.compactMap { $0["user"] as? String })
        }
        #expect(named("compromised") == Set(truth["compromised"] as? [String] ?? []))
        #expect(named("suspicious") == Set(truth["suspicious"] as? [String] ?? []))

        let campaigns = try #require(report["campaigns"] as? [[String: Any]])
        let expected = try #require(truth["campaigns"] as? [[String: Any]])
        #expect(campaigns.count == expected.count)
        for (found, want) in zip(campaigns, expected) {
            for key in ["first", "last"] { #expect(found[key] as? String == want[key] as? String, "\(key)") }
            for key in ["failures", "addresses", "usernames", "networks_v4_24"] { #expect(found[key] as? Int == want[key] as? Int, "\(key)") }
            let services = Set((found["services"] as? [[String: Any]] ?? []).compactMap { $0["service"] as? String }.map(SprayScenario.kind))
            #expect(services == Set(want["services"] as? [String] ?? []))
            // The accounts tied to the campaign by its own addresses or networks.
            let entered = (found["accounts_entered"] as? [[String: Any]] ?? [])
                .filter { $0["campaign_address"] as? Bool == true || $0["campaign_network"] as? Bool == true }
                .compactMap { $0["account"] as? String }
            #expect(entered == want["accounts_entered"] as? [String])
            #expect(found["accounts_tried"] as? [String] == want["existing_tried"] as? [String], "the staff accounts it tried")
        }
        let sources = try #require(report["sources"] as? [[String: Any]])
        let members = expected.reduce(0) { $0 + ($1["addresses"] as? Int ?? 0) }
        #expect(report["campaign_addresses_not_listed"] as? Int == members, "members are reported by campaign, not one by one")
        #expect(sources.count < 200)
        for stale in truth["stale_clients"] as? [String] ?? [] {
            let source = try #require(sources.first { $0["ip"] as? String == stale })
            #expect(source["verdict"] as? String == "clean")
            #expect((source["signals"] as? [[String: Any]])?.first?["id"] as? String == "stale-client")
        }
        if scenario == "benign" {
            #expect(sources.allSatisfy { $0["verdict"] as? String == "clean" })
        }
    }

    /// `audit` with the staff's directory: the campaign's finding counts the directory accounts
    /// it tried, and the plan blocks its networks, forces a password change on every account it
    /// tried (the one it got into first) and throttles failures.
    @Test(arguments: ["spray-silent", "low-and-slow", "spray-spam"])
    func theAuditPlansForTheCampaign(_ scenario: String) throws {
        let (report, truth) = try SprayScenario.run(scenario, mta: "postfix", audit: true)
        let findings = try #require(report["findings"] as? [[String: Any]])
        let spray = try #require(findings.first { $0["rule"] as? String == "password-spray" })
        let campaign = try #require((truth["campaigns"] as? [[String: Any]])?.first)
        let evidence = try #require(spray["evidence"] as? [String: Any])
        #expect(evidence["directory_accounts_tried"] as? Int == (campaign["existing_tried"] as? [String])?.count)
        #expect(spray["account"] is NSNull, "a campaign names no account")
        let plan = try #require(report["plan"] as? [[String: Any]])
        let actions = plan.compactMap { $0["action"] as? String }
        for action in truth["plan"] as? [String] ?? [] { #expect(actions.contains(action), "\(action)") }
        let force = try #require(plan.first { $0["action"] as? String == "force-password-change-tried" })
        #expect((force["accounts"] as? [String])?.first == (campaign["accounts_entered"] as? [String])?.first)
        #expect((force["accounts"] as? [String])?.count == (campaign["existing_tried"] as? [String])?.count)
        let block = try #require(plan.first { $0["action"] as? String == "block-campaign-networks" })
        let commands = (block["commands"] as? [[String: Any]] ?? []).filter { $0["target"] as? String == "firewall" }
        #expect(commands.count == 1 + (campaign["networks_v4_24"] as? Int ?? 0), "the ipset once, then one line per network")
    }

    /// The attacker-sized input, smaller: every address new, every username new.
    @Test func aSprayOfRandomNamesFromFreshAddressesIsOneCampaignAndASmallReport() throws {
        let (report, truth) = try SprayScenario.run("volume", mta: "postfix", extra: ["--lines", "60000"])
        let campaigns = try #require(report["campaigns"] as? [[String: Any]])
        #expect(campaigns.count == 1)
        let expected = try #require((truth["campaigns"] as? [[String: Any]])?.first)
        #expect(campaigns.first?["addresses"] as? Int == expected["addresses"] as? Int)
        #expect(campaigns.first?["failures"] as? Int == expected["failures"] as? Int)
        #expect((report["accounts"] as? [Any])?.isEmpty == true, "names that never logged in are not accounts")
        #expect((report["sources"] as? [Any])?.isEmpty == true)
        let names = try #require(report["failed_usernames"] as? [String: Any])
        #expect((names["top"] as? [Any])?.count == 100)
        #expect(abs((names["distinct"] as? Int ?? 0) - 60_000) < 100)
    }
}

enum SprayScenario {
    static let script = Fixtures.repository.appendingPathComponent("Tests/Scripts/spray/make-spray-logs.py").path

    /// The truth file's service names: SMTP AUTH (any of Postfix's and Exim's) or IMAP.
    static func kind(_ service: String) -> String { ["smtp", "submission", "smtps"].contains(service) ? "smtp" : service }

    /// Generates the scenario and runs `relay-audit logs` on it: the report and the truth.
    static func run(_ scenario: String, mta: String, extra: [String] = [], audit: Bool = false) throws -> ([String: Any], [String: Any]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spray-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let made = try CommandRunner.run([script, directory.path, "--scenario", scenario, "--mta", mta] + extra,
                                         executable: "/usr/bin/env", arguments0: "python3")
        guard made.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        let truthData = try Data(contentsOf: directory.appendingPathComponent("truth.json"))
        let truth = try #require(try JSONSerialization.jsonObject(with: truthData) as? [String: Any])
        let files = (truth["files"] as? [String] ?? ["mail.log"]).map { directory.appendingPathComponent($0).path }
        let options = ["--output", "json", "--timezone", "UTC", "--as-of", truth["as_of"] as? String ?? ""]
        let result = audit
            ? try CommandRunner.run(["audit", "--ldif", directory.appendingPathComponent("directory.ldif").path, "--logs"] + files + options)
            : try CommandRunner.run(["logs"] + files + options)
        #expect(result.status <= 1, "\(result.stderr)")
        return (try result.json(), truth)
    }
}

/// A fleet: the incident's sessions spread over three submission hosts (a client's connections
/// landing on any), `relay-audit events` run on each, and one `logs` over the three event files
/// (recognised as such, merged by time) concludes what the original logs do.
@Suite(.enabled(if: CommandRunner.builtRelayAudit != nil, "\(CommandRunner.needsBinary)"))
struct ECSRoundTripTests {
    @Test(arguments: ["benign", "spray-spam", "low-and-slow"])
    func threeHostsEventsGiveTheAnalysisOfTheOriginalLogs(_ scenario: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let made = try CommandRunner.run([SprayScenario.script, directory.path, "--scenario", scenario, "--hosts", "3"],
                                         executable: "/usr/bin/env", arguments0: "python3")
        #expect(made.status == 0)
        var eventFiles: [String] = []
        for host in 1...3 {
            let events = try CommandRunner.run(["events", directory.appendingPathComponent("mail-host\(host).log").path, "--timezone", "UTC"])
            #expect(events.status == 0)
            let path = directory.appendingPathComponent("host\(host).ndjson").path
            try Data(events.stdout.utf8).write(to: URL(fileURLWithPath: path))
            eventFiles.append(path)
        }
        let options = ["--output", "json", "--timezone", "UTC", "--as-of", "2026-12-05T00:00:00Z"]
        let original = try CommandRunner.run(["logs", directory.appendingPathComponent("mail.log").path] + options).json()
        // Given in another order than the hosts': the merge is by time, not by argument.
        let merged = try CommandRunner.run(["logs"] + eventFiles.reversed() + options).json()
        for key in ["accounts", "sources", "campaigns", "failed_usernames", "campaign_addresses_not_listed"] {
            #expect(ReportJSON.firstDifference(Self.text(original[key]), Self.text(merged[key])) == nil, "\(key)")
        }
        let input = try #require(merged["input"] as? [String: Any])
        #expect(input["unrecognized_lines"] as? Int == 0)
        #expect(input["events"] as? Int == (original["input"] as? [String: Any])?["events"] as? Int)
    }

    static func text(_ value: Any?) -> String {
        guard let value, let data = try? JSONSerialization.data(withJSONObject: ["v": value], options: [.sortedKeys]) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
