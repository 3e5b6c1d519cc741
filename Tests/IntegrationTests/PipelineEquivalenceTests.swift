import Foundation
import Testing
import TestSupport

/// `--jobs 2` (parse on one thread, aggregate on another) and `--jobs 4` (blocks of lines also
/// decoded on two threads) must write byte for byte what `--jobs 1` writes, on every log the
/// tests know.
struct PipelineEquivalenceTests {
    static let logs = LogFixtures.all

    @Test func thereAreLogsToCompare() {
        #expect(LogFixtures.repository.count >= 6 && Self.logs.count >= LogFixtures.repository.count, "\(Self.logs)")
    }

    @Test(arguments: logs)
    func logsReportsAreIdentical(_ log: String) throws {
        let arguments = ["logs", log, "--year", "2026", "--timezone", "UTC", "--as-of", "2026-11-29T00:00:00Z", "--output", "json"]
        let sequential = try CommandRunner.run(arguments + ["--jobs", "1"])
        #expect(sequential.status != 2 && sequential.status != 3, "\(sequential.stderr)")
        #expect(sequential.stdout.count > 100)
        for jobs in ["2", "4"] {
            let parallel = try CommandRunner.run(arguments + ["--jobs", jobs])
            #expect(parallel.status == sequential.status, "--jobs \(jobs)")
            #expect(parallel.stdout == sequential.stdout, "--jobs \(jobs)")
        }
    }

    /// `events` writes lines on a second thread (`--jobs 2`) and also decodes blocks of lines
    /// on others (`--jobs 4`): the NDJSON is the one-thread NDJSON, line for line.
    @Test(arguments: logs)
    func eventStreamsAreIdentical(_ log: String) throws {
        let arguments = ["events", log, "--year", "2026", "--timezone", "UTC"]
        let sequential = try CommandRunner.run(arguments + ["--jobs", "1"])
        #expect(sequential.status == 0, "\(sequential.stderr)")
        for jobs in ["2", "4"] {
            let parallel = try CommandRunner.run(arguments + ["--jobs", jobs])
            #expect(parallel.status == 0, "--jobs \(jobs)")
            #expect(parallel.stdout == sequential.stdout, "--jobs \(jobs)")
            #expect(parallel.stderr == sequential.stderr, "--jobs \(jobs)")
        }
    }

    @Test func auditReportsAreIdentical() throws {
        let arguments = ["audit", "--ldif", Fixtures.sampleLDIF, "--logs", Fixtures.path("Tests/Fixtures/samples/incident/mail.log"),
                         "--as-of", Fixtures.sampleExportedAt, "--timezone", "UTC", "--output", "json"]
        let sequential = try CommandRunner.run(arguments + ["--jobs", "1"])
        #expect(sequential.status == 1)
        for jobs in ["2", "4"] {
            #expect(try CommandRunner.run(arguments + ["--jobs", jobs]).stdout == sequential.stdout, "--jobs \(jobs)")
        }
    }
}
