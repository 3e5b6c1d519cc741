import Foundation
import Testing
import TestSupport

/// The command line's promises: exit statuses, errors that name file and line, report files
/// created private, help that teaches.
struct CommandLineTests {
    @Test func usageErrorsExit2() throws {
        let both = try CommandRunner.run(["directory", "--ldap", "ldap://x", "--ldif", "y"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("give either --ldap URL or --ldif FILE, not both"))
        let badDate = try CommandRunner.run(["directory", "--ldif", Fixtures.sampleLDIF, "--as-of", "yesterday"])
        #expect(badDate.status == 2)
        let neither = try CommandRunner.run(["directory"], environment: ["LDAPURI": nil, "LDAPNOINIT": "1"])
        #expect(neither.status == 2)
        #expect(neither.stderr.contains("--ldif FILE"))
        let unknown = try CommandRunner.run(["directory", "--password", "hunter2"])
        #expect(unknown.status == 2)
    }

    @Test func aBadPolicyFileIsExit2NamingFileAndLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).yaml").path
        try "directory:\n  stale_after_days: 90\n  treshold: 3\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CommandRunner.run(["directory", "--ldif", Fixtures.sampleLDIF, "--policy", path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(path):3:3: error: unknown key 'treshold' in 'directory'"))
    }

    @Test func unreadableInputsExit3NamingTheFile() throws {
        let missing = try CommandRunner.run(["directory", "--ldif", "/nonexistent/corp.ldif"])
        #expect(missing.status == 3)
        #expect(missing.stderr == "/nonexistent/corp.ldif: error: no such file\n")
        let directory = try CommandRunner.run(["directory", "--ldif", "/tmp"])
        #expect(directory.status == 3)
        let garbage = FileManager.default.temporaryDirectory.appendingPathComponent("garbage-\(UUID().uuidString).ldif").path
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: URL(fileURLWithPath: garbage))
        defer { try? FileManager.default.removeItem(atPath: garbage) }
        let binary = try CommandRunner.run(["directory", "--ldif", garbage])
        #expect(binary.status == 3)
        #expect(binary.stderr.hasPrefix("\(garbage):"))
        #expect(!binary.stderr.contains("\u{1B}"))
    }

    @Test func reportFilesArePrivateAndFormatFollowsTheExtension() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["report.html", "report.json", "report.md", "report.txt"] {
            let path = dir.appendingPathComponent(name).path
            let result = try CommandRunner.run(["directory", "--ldif", Fixtures.sampleLDIF, "--as-of", Fixtures.sampleExportedAt, "-o", path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("wrote"))
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name)")
        }
        #expect(try String(contentsOfFile: dir.appendingPathComponent("report.html").path, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        #expect(try String(contentsOfFile: dir.appendingPathComponent("report.json").path, encoding: .utf8).hasPrefix("{"))
    }

    @Test func anUnwritableReportIsExit3() throws {
        let result = try CommandRunner.run(["directory", "--ldif", Fixtures.sampleLDIF, "-o", "/nonexistent/dir/report.json"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("/nonexistent/dir/report.json: error: cannot create the report"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func aFullDiskIsExit3AndTheDeviceIsLeftAlone() throws {
        // Writes to /dev/full fail with ENOSPC, as on a full disk. The writer must report it,
        // and must not chmod or remove what is not a regular file it created.
        let result = try CommandRunner.run(["directory", "--ldif", Fixtures.sampleLDIF, "--output", "json", "-o", "/dev/full"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("/dev/full: error: cannot write the report (No space left on device)"))
        let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/full")
        #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial)
        #expect(attributes[.posixPermissions] as? Int == 0o666)
    }

    @Test func stdoutOnAFullDiskIsExit3AndAClosedPipeIsQuiet() throws {
        let tool = CommandRunner.relayAudit, ldif = Fixtures.sampleLDIF
        let full = try CommandRunner.run(["-c", "'\(tool)' directory --ldif '\(ldif)' --output text > /dev/full"], executable: "/bin/bash")
        #expect(full.status == 3)
        #expect(full.stderr.contains("<stdout>: error: cannot write: No space left on device"))
        // A reader that stops early (`| head -1`) ends the run without an error message, and
        // never by SIGPIPE (status 141).
        let piped = try CommandRunner.run(["-c", "'\(tool)' directory --ldif '\(ldif)' --output json | head -c 100 > /dev/null; echo \"${PIPESTATUS[0]}\""],
                                          executable: "/bin/bash")
        #expect(["0", "1"].contains(piped.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "\(piped.stdout)")
        #expect(piped.stderr.isEmpty, "\(piped.stderr)")
    }

    @Test func aProgressLineOnlyOnATerminal() throws {
        // 140,000 lines: enough for two progress updates (one per 65,536 lines).
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString).log")
        let line = "Nov 28 09:00:00 mx postfix/submission/smtpd[1]: connect from unknown[192.0.2.1]\n"
        try String(repeating: line, count: 140_000).write(to: log, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: log) }
        // `script` gives the command a pseudo-terminal; stdout still goes to /dev/null.
        let tty = try CommandRunner.run(["-qec", "'\(CommandRunner.relayAudit)' logs '\(log.path)' --output json > /dev/null", "/dev/null"],
                                        environment: ["RELAY_AUDIT_PROGRESS_INTERVAL": "0"], executable: "/usr/bin/script")
        #expect(tty.stdout.contains("relay-audit: "), "\(tty.stdout.debugDescription)")
        #expect(tty.stdout.contains("lines/s") && tty.stdout.contains("ETA"), "\(tty.stdout.debugDescription)")
        let afterLastErase = tty.stdout.components(separatedBy: "\r\u{1B}[K").last ?? "x"
        #expect(!afterLastErase.contains("relay-audit:"), "the line is erased at the end")
        let piped = try CommandRunner.run(["logs", log.path, "--output", "json"], environment: ["RELAY_AUDIT_PROGRESS_INTERVAL": "0"])
        #expect(!piped.stderr.contains("lines/s"), "silent when stderr is not a terminal")
    }

    @Test func helpTeachesAndExits0() throws {
        let help = try CommandRunner.run(["directory", "--help"])
        #expect(help.status == 0)
        for text in ["--password-file", "--insecure-skip-verify", "--as-of", "Examples:", "guest-enabled"] {
            #expect(help.stdout.contains(text), "\(text)")
        }
    }

    /// `--version` names the release and the commit it was built from: the commit SwiftPM saw
    /// in this checkout, which is the one git names now (the tests run on the tree they built).
    @Test func versionNamesTheReleaseAndTheCommit() throws {
        let version = try CommandRunner.run(["--version"])
        #expect(version.status == 0)
        let line = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let match = line.wholeMatch(of: /(\d+\.\d+\.\d+) \(commit ([0-9a-f]{40})\)/)
        #expect(match != nil, "\(line)")
        let git = try CommandRunner.run(["-C", Fixtures.repository.path, "rev-parse", "HEAD"], executable: "/usr/bin/git")
        if git.status == 0, let match {
            #expect(String(match.2) == git.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
