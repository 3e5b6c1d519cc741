import Foundation
import Testing
import TestSupport

/// `relay-audit logs` against logs written by ../shared/bench/make-postfix-log.py, whose truth
/// file names the accounts it compromised. The tool must flag exactly those.
@Suite(.enabled(if: GeneratedLog.available, "needs ../shared/bench/make-postfix-log.py and python3"))
struct GeneratedLogTests {
    @Test(arguments: [(seed: 7, users: 5000), (seed: 23, users: 2000)])
    func flagsExactlyTheTruthFilesAccounts(_ setup: (seed: Int, users: Int)) throws {
        let (log, truth) = try GeneratedLog.make(megabytes: 16, seed: setup.seed, users: setup.users)
        let result = try CommandRunner.run(["logs", log, "--output", "json", "--timezone", "UTC"])
        #expect(result.status == 1, "compromised accounts are critical: \(result.stderr)")
        let report = try result.json()
        let accounts = try #require(report["accounts"] as? [[String: Any]])
        let compromised = Set(accounts.filter { $0["verdict"] as? String == "compromised" }.compactMap { $0["user"] as? String })
        #expect(compromised == truth)
        #expect(accounts.filter { $0["verdict"] as? String == "suspicious" }.isEmpty)
        let input = try #require(report["input"] as? [String: Any])
        #expect(input["unrecognized_lines"] as? Int == 0)
        for key in ["files", "lines", "events", "unrecognized_lines"] { #expect(input[key] != nil, "input.\(key)") }
        for account in accounts.prefix(10) {
            for key in ["user", "verdict", "score", "auth_success", "auth_failure", "distinct_ips", "messages", "recipients",
                        "external_domains", "ndr", "first_seen", "last_seen", "signals"] {
                #expect(account[key] != nil, "accounts[].\(key)")
            }
        }
        let sources = try #require(report["sources"] as? [[String: Any]])
        for key in ["ip", "auth_failure", "users_tried", "auth_success", "verdict", "signals"] {
            #expect(sources.first?[key] != nil, "sources[].\(key)")
        }
    }

    /// Sixteen 1 MB blocks decoded on two threads (`--jobs 4`) and the two-thread pipeline give
    /// the one-thread report, byte for byte.
    @Test func everyJobsCountGivesTheSameReport() throws {
        let (log, _) = try GeneratedLog.make(megabytes: 16, seed: 7, users: 5000)
        let arguments = ["logs", log, "--output", "json", "--timezone", "UTC", "--as-of", "2026-11-29"]
        let sequential = try CommandRunner.run(arguments + ["--jobs", "1"])
        #expect(sequential.status == 1)
        for jobs in ["2", "3", "4"] {
            let parallel = try CommandRunner.run(arguments + ["--jobs", jobs])
            #expect(ReportJSON.firstDifference(sequential.stdout, parallel.stdout) == nil, "--jobs \(jobs)")
        }
    }

    @Test func theGzippedCopyGivesTheSameReport() throws {
        let (log, _) = try GeneratedLog.make(megabytes: 4, seed: 5, users: 1000)
        let gz = log + ".copy.gz"
        let zipped = try CommandRunner.run(["-c", "gzip -c '\(log)' > '\(gz)'"], executable: "/bin/bash")
        #expect(zipped.status == 0)
        let plain = try CommandRunner.run(["logs", log, "--output", "json", "--timezone", "UTC", "--as-of", "2026-11-29"])
        let compressed = try CommandRunner.run(["logs", gz, "--output", "json", "--timezone", "UTC", "--as-of", "2026-11-29"])
        let differences = ReportJSON.firstDifference(plain.stdout.replacingOccurrences(of: gz, with: log), compressed.stdout.replacingOccurrences(of: gz, with: log))
        #expect(differences == nil)
    }
}

/// The same checks on an Exim mainlog written by this repository's
/// Tests/Scripts/bench/make-exim-log.py (the benchmark's Exim input), which is always at hand.
struct GeneratedEximLogTests {
    @Test func flagsExactlyTheTruthFilesAccountsWhateverTheJobs() throws {
        let (log, truth) = try GeneratedLog.make(megabytes: 12, seed: 11, users: 3000, script: GeneratedLog.eximScript)
        let sequential = try CommandRunner.run(["logs", log, "--output", "json", "--timezone", "UTC", "--as-of", "2026-11-29", "--jobs", "1"])
        #expect(sequential.status == 1, "compromised accounts are critical: \(sequential.stderr)")
        for jobs in ["2", "4"] {
            let parallel = try CommandRunner.run(["logs", log, "--output", "json", "--timezone", "UTC", "--as-of", "2026-11-29", "--jobs", jobs])
            #expect(ReportJSON.firstDifference(sequential.stdout, parallel.stdout) == nil, "--jobs \(jobs)")
        }
        let report = try sequential.json()
        let accounts = try #require(report["accounts"] as? [[String: Any]])
        #expect(Set(accounts.filter { $0["verdict"] as? String == "compromised" }.compactMap { $0["user"] as? String }) == truth)
        #expect(accounts.filter { $0["verdict"] as? String == "suspicious" }.isEmpty)
        let input = try #require(report["input"] as? [String: Any])
        #expect(input["unrecognized_lines"] as? Int == 0)
        #expect((input["events"] as? Int ?? 0) > 40_000)
        let sources = try #require(report["sources"] as? [[String: Any]])
        #expect(sources.contains { $0["verdict"] as? String == "attacker" && ($0["accounts"] as? [String])?.isEmpty == false })
    }
}

enum GeneratedLog {
    static let script = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/bench/make-postfix-log.py").path
    static let eximScript = Fixtures.repository.appendingPathComponent("Tests/Scripts/bench/make-exim-log.py").path
    static var available: Bool { FileManager.default.fileExists(atPath: script) }

    /// Writes a log and returns its path and the compromised accounts of its truth file.
    static func make(megabytes: Int, seed: Int, users: Int, script: String = script) throws -> (String, Set<String>) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("mail.log").path
        let truth = directory.appendingPathComponent("truth.json").path
        let result = try CommandRunner.run([script, log, "--mb", String(megabytes), "--seed", String(seed), "--users", String(users), "--truth", truth],
                                           executable: "/usr/bin/env", arguments0: "python3")
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: truth))) as? [String: Any]
        let compromised = (object?["compromised"] as? [String: Any])?.keys.map { $0 } ?? []
        return (log, Set(compromised))
    }
}
