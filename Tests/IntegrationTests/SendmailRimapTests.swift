import Foundation
import Testing
import TestSupport

/// Sendmail checking SMTP AUTH through saslauthd's rimap: saslauthd logs in to Dovecot's IMAP
/// on 127.0.0.1 for every client, so Dovecot logs every guess of the spray as a failure from
/// 127.0.0.1, while Sendmail's own line names the real client (relay=[...]). Real daemons wrote
/// the log (Tests/Scripts/incident/sendmail/make-sendmail-log.sh).
struct SendmailRimapTests {
    static let log = Fixtures.path("Tests/Fixtures/samples/incident/sendmail-rimap.log")

    static func audit() throws -> [String: Any] {
        let result = try CommandRunner.run([
            "audit", "--ldif", Fixtures.sampleLDIF, "--logs", log, "--as-of", Fixtures.sampleExportedAt,
            "--timezone", "UTC", "--output", "json",
        ])
        #expect(result.status == 1, "\(result.stderr)")
        return try result.json()
    }

    @Test func theHelpersLoopbackIsNeverAnAttackerAndTheRealClientsAre() throws {
        let report = try Self.audit()
        let logs = try #require(report["logs"] as? [String: Any])
        let sources = try #require(logs["sources"] as? [[String: Any]])
        func source(_ ip: String) -> [String: Any]? { sources.first { $0["ip"] as? String == ip } }
        let helper = try #require(source("127.0.0.1"))
        #expect(helper["verdict"] as? String == "clean")
        #expect(((helper["signals"] as? [[String: Any]])?.first?["id"] as? String) == "server-infrastructure")
        #expect((helper["auth_failure"] as? Int ?? 0) >= 20, "Dovecot saw every guess from the helper")
        for sprayer in ["127.67.0.1", "127.67.0.2"] {
            #expect(source(sprayer)?["verdict"] as? String == "attacker", "\(sprayer): Sendmail's relay=[] names it")
        }
        let verdicts = try #require(report["verdicts"] as? [[String: Any]])
        #expect(verdicts.first { $0["account"] as? String == "kiosk.user" }?["verdict"] as? String == "compromised")
        for account in ["alice.johnson", "bob.smith"] {
            #expect(verdicts.first { $0["account"] as? String == account }?["verdict"] as? String == "clean", "\(account)")
        }
        // Not one plan command names the loopback; the sprayer is blocked.
        let texts = (report["plan"] as? [[String: Any]] ?? []).flatMap {
            ($0["commands"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        }
        #expect(!texts.contains { $0.contains("127.0.0.1") || $0.contains("::1") }, "\(texts.filter { $0.contains("127.0.0.1") })")
        #expect(texts.contains { $0.contains("-s 127.67.0.1 ") })
        // The incident starts with the spray from outside, not with the helper's first failure.
        let start = try #require((report["incident"] as? [String: Any])?["start"] as? String)
        #expect(start.hasPrefix("2026-11-21T23:1"), "\(start)")
    }
}
