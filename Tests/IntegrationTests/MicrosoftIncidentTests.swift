import Foundation
import Testing
import TestSupport

/// The same incident told by each Microsoft log (Tests/Scripts/microsoft/make-microsoft-incident.py):
/// a spray from 203.0.113.50 cracks CORP\kiosk.user, thirty bots relay forged mail through it,
/// alice and bob send their usual mail. `--format auto` must recognise every file by its header.
struct MicrosoftIncidentTests {
    static func fixture(_ name: String) -> String { Fixtures.path("Tests/Fixtures/microsoft/\(name)") }
    static let bots = (0..<30).map { "198.18.\($0 / 5).\($0 % 5 + 10)" }

    static func logs(_ files: [String]) throws -> ReportJSON {
        let result = try CommandRunner.run(["logs"] + files.map(fixture) + ["--as-of", "2026-11-29T00:00:00Z", "--output", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        return try ReportJSON(result)
    }

    static func verdicts(_ report: ReportJSON, _ key: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: ((report.root[key] as? [[String: Any]]) ?? []).compactMap { entry in
            guard let verdict = entry["verdict"] as? String, let name = (entry["user"] ?? entry["ip"]) as? String else { return nil }
            return (name, verdict)
        })
    }

    @Test(arguments: ["RECV2026112800-1.LOG", "ex261128.log"])
    func exchangeAndIISNameTheAccountAndTheAttackers(_ file: String) throws {
        let report = try Self.logs([file])
        #expect((report.root["input"] as? [String: Any])?["unrecognized_lines"] as? Int == 0)
        let accounts = Self.verdicts(report, "accounts")
        #expect(accounts == ["kiosk.user": "compromised", "alice": "clean", "bob": "clean"])
        let sources = Self.verdicts(report, "sources")
        #expect(sources["203.0.113.50"] == "attacker")
        #expect(Self.bots.allSatisfy { sources[$0] == "attacker" })
        #expect(sources["10.1.0.21"] == "clean")
        let kiosk = try #require((report.root["accounts"] as? [[String: Any]])?.first { $0["user"] as? String == "kiosk.user" })
        #expect(kiosk["identities"] as? [String] == ["CORP\\kiosk.user"])
        #expect(kiosk["messages"] as? Int == 121)
    }

    @Test func theTrackingLogAddsBouncesAndNDRsWithoutCountingMessagesTwice() throws {
        // Given in either order: the reader reads protocol logs before tracking logs.
        let report = try Self.logs(["MSGTRK2026112800-1.LOG", "RECV2026112800-1.LOG"])
        let kiosk = try #require((report.root["accounts"] as? [[String: Any]])?.first { $0["user"] as? String == "kiosk.user" })
        #expect(kiosk["messages"] as? Int == 121)
        #expect((kiosk["ndr"] as? Int ?? 0) > 500)
        #expect((kiosk["bounced_percent"] as? Int ?? 0) >= 20)
        #expect((kiosk["signals"] as? [[String: Any]])?.contains { $0["id"] as? String == "ndr-backscatter" } == true)
    }

    @Test func theTrackingLogAloneHasNoAccountToName() throws {
        let result = try CommandRunner.run(["logs", Self.fixture("MSGTRK2026112800-1.LOG"), "--output", "json"])
        let report = try ReportJSON(result)
        #expect((report.root["input"] as? [String: Any])?["events"] as? Int ?? 0 > 1000)
        #expect((report.root["accounts"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test func microsoft365NamesTheMailboxAndItsClients() throws {
        let report = try Self.logs(["messagetrace.csv"])
        let accounts = Self.verdicts(report, "accounts")
        #expect(accounts == ["kiosk.user": "compromised", "alice": "clean", "bob": "clean"])
        // The trace cannot forge senders, so the bots are shown as clients of a compromised mailbox.
        let sources = Self.verdicts(report, "sources")
        #expect(Self.bots.allSatisfy { sources[$0] == "suspicious" })
        #expect(sources["10.1.0.21"] == "clean")
    }

    @Test func theAuditPlansExchangeCommands() throws {
        let result = try CommandRunner.run(["audit", "--ldif", Fixtures.sampleLDIF, "--logs", Self.fixture("RECV2026112800-1.LOG"),
                                            Self.fixture("MSGTRK2026112800-1.LOG"), "--as-of", Fixtures.sampleExportedAt, "--output", "json"])
        #expect(result.status == 1)
        let json = try result.json()
        let verdicts = try #require(json["verdicts"] as? [[String: Any]])
        #expect(verdicts.first { $0["account"] as? String == "kiosk.user" }?["verdict"] as? String == "compromised")
        let plan = try #require(json["plan"] as? [[String: Any]])
        let targets = Set(plan.flatMap { ($0["commands"] as? [[String: Any]] ?? []).compactMap { $0["target"] as? String } })
        #expect(targets.contains("exchange"))
        #expect(!targets.contains("postfix"))
        let hold = plan.first { $0["action"] as? String == "hold-sender" }
        #expect((hold?["commands"] as? [[String: Any]])?.first?["text"] as? String == "Get-Message -ResultSize Unlimited | Where-Object { $_.FromAddress -eq 'billing@bank280.example' } | Suspend-Message -Confirm:$false")
    }

    /// Without --format, each sample is read as its own format: the lines it does not understand
    /// are exactly those the format tests count (read as syslog, every line would be).
    @Test(arguments: [("exchange-smtp-receive.log", 16, 2), ("exchange-message-tracking.log", 2, 0), ("iis-smtp-w3c.log", 8, 3),
                      ("m365-exports.txt", 2, 0)])
    func publicSamplesAreRecognisedByTheirHeaders(_ file: String, _ unrecognized: Int, _ events: Int) throws {
        let result = try CommandRunner.run(["logs", Self.fixture("public/" + file), "--output", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let input = try #require(try ReportJSON(result).root["input"] as? [String: Any])
        #expect(input["unrecognized_lines"] as? Int == unrecognized)
        #expect(input["events"] as? Int == events)
    }
}
