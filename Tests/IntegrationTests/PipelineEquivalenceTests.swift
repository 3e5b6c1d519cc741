import Foundation
import Testing
import TestSupport

/// `--jobs 2` (parse on one thread, aggregate on another) must write byte for byte what
/// `--jobs 1` writes, on every log the tests know.
struct PipelineEquivalenceTests {
    static let fail2ban = "/usr/lib/python3/dist-packages/fail2ban/tests/files/logs"
    static let logs: [String] = {
        var files = [Fixtures.path("Tests/Fixtures/samples/incident/mail.log"), Fixtures.path("Tests/Fixtures/hostile/mail.log")]
        for name in ["RECV2026112800-1.LOG", "MSGTRK2026112800-1.LOG", "ex261128.log", "messagetrace.csv"] {
            files.append(Fixtures.path("Tests/Fixtures/microsoft/" + name))
        }
        for name in ["postfix", "exim", "exim-spam", "sendmail-auth", "sendmail-reject", "dovecot", "courier-auth", "courier-smtp"] {
            let path = "\(fail2ban)/\(name)"
            if FileManager.default.fileExists(atPath: path) { files.append(path) }
        }
        let samples = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/samples/public-formats")
        for name in ["postfix.log", "exim.log", "sendmail.log", "dovecot.log", "other-mtas.log"] {
            let path = samples.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path) { files.append(path) }
        }
        return files
    }()

    @Test func thereAreLogsToCompare() {
        #expect(Self.logs.count >= 11, "\(Self.logs)")
    }

    @Test(arguments: logs)
    func logsReportsAreIdentical(_ log: String) throws {
        let arguments = ["logs", log, "--year", "2026", "--timezone", "UTC", "--as-of", "2026-11-29T00:00:00Z", "--output", "json"]
        let sequential = try CommandRunner.run(arguments + ["--jobs", "1"])
        let pipelined = try CommandRunner.run(arguments + ["--jobs", "2"])
        #expect(sequential.status != 2 && sequential.status != 3, "\(sequential.stderr)")
        #expect(sequential.stdout.count > 100)
        #expect(pipelined.status == sequential.status)
        #expect(pipelined.stdout == sequential.stdout)
    }

    @Test func auditReportsAreIdentical() throws {
        let arguments = ["audit", "--ldif", Fixtures.sampleLDIF, "--logs", Fixtures.path("Tests/Fixtures/samples/incident/mail.log"),
                         "--as-of", Fixtures.sampleExportedAt, "--timezone", "UTC", "--output", "json"]
        let sequential = try CommandRunner.run(arguments + ["--jobs", "1"])
        let pipelined = try CommandRunner.run(arguments + ["--jobs", "2"])
        #expect(sequential.status == 1)
        #expect(pipelined.stdout == sequential.stdout)
    }
}
