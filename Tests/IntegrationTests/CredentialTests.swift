import Foundation
import Testing
import TestSupport

/// Where the bind password may come from, and what the tool says when the source is unsafe or
/// missing. None of these need a server: each refusal happens before anything is sent.
struct CredentialTests {
    static let password = "Corr3ct-Horse-Battery"

    func passwordFile(mode: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("relay-audit-pw-\(UUID().uuidString)").path
        try Data(Self.password.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func directory(_ extra: [String], url: String = "ldap://127.0.0.1:9", environment: [String: String?] = [:],
                   executable: String? = nil) throws -> CommandResult {
        let arguments = ["directory", "--ldap", url, "--bind-dn", "cn=auditor,dc=example,dc=org", "--timeout", "2"] + extra
        if let executable { return try CommandRunner.run(["-w", CommandRunner.relayAudit] + arguments, environment: environment, executable: executable) }
        return try CommandRunner.run(arguments, environment: environment)
    }

    @Test func aPasswordFileOthersCanReadIsRefusedWithTheFix() throws {
        for mode in [0o644, 0o640, 0o604] {
            let path = try passwordFile(mode: mode)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let result = try directory(["--password-file", path])
            #expect(result.status == 3)
            #expect(result.stderr.contains("\(path): error: the password file is readable by group or others (mode \(String(mode, radix: 8))); run: chmod 600 \(path)"))
            #expect(!result.stderr.contains("Can't contact"), "refused before connecting")
            #expect(!(result.stdout + result.stderr).contains(Self.password))
        }
    }

    @Test func thePasswordIsNeverOnTheCommandLine() throws {
        let result = try CommandRunner.run(["directory", "--ldap", "ldap://127.0.0.1:9", "--bind-dn", "cn=x", "--password", Self.password])
        #expect(result.status == 2)
        #expect(!result.stderr.contains(Self.password), "not even echoed back in the usage error")
        let help = try CommandRunner.run(["directory", "--help"])
        #expect(help.stdout.contains("--password-file"))
        #expect(help.stdout.contains("--password-env"))
    }

    @Test func aMissingEnvironmentVariableOrTerminalSaysWhatToUse() throws {
        let unset = try directory(["--password-env", "RELAY_AUDIT_TEST_UNSET"], environment: ["RELAY_AUDIT_TEST_UNSET": nil])
        #expect(unset.status == 2)
        #expect(unset.stderr.contains("--password-env RELAY_AUDIT_TEST_UNSET: the environment variable RELAY_AUDIT_TEST_UNSET is not set"))
        // setsid: no controlling terminal, so no prompt can be shown.
        let noTerminal = try directory([], executable: "/usr/bin/setsid")
        #expect(noTerminal.status == 2)
        #expect(noTerminal.stderr.contains("no terminal to ask on: use --password-file FILE or --password-env VAR"))
    }

    @Test func anEmptyPasswordIsRefusedNotAnUnauthenticatedBind() throws {
        let empty = try directory(["--password-env", "RELAY_AUDIT_TEST_PW"], environment: ["RELAY_AUDIT_TEST_PW": ""])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("the password is empty"))
    }

    @Test func aSimpleBindInClearToAnotherHostWarns() throws {
        let path = try passwordFile(mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // 192.0.2.1 (TEST-NET-1) answers nobody: the warning comes whatever the outcome.
        let remote = try directory(["--password-file", path], url: "ldap://192.0.2.1")
        #expect(remote.status == 3)
        #expect(remote.stderr.contains("warning: simple bind over plaintext to a remote host"))
        #expect(!(remote.stdout + remote.stderr).contains(Self.password))
        let loopback = try directory(["--password-file", path], url: "ldap://127.0.0.1:9")
        #expect(loopback.status == 3)
        #expect(!loopback.stderr.contains("plaintext"), "a loopback connection never leaves the host")
        let startTLS = try directory(["--password-file", path, "--starttls"], url: "ldap://192.0.2.1")
        #expect(startTLS.status == 3)
        #expect(!startTLS.stderr.contains("plaintext"), "StartTLS failing is fatal before any bind")
    }
}
