import Foundation
import LogTestSupport
@testable import MailLogs
import RelayAuditCore
import Testing

/// A real Samba AD DC's JSON audit logs (Tests/Fixtures/samba/SOURCES.md says what was done to
/// write them): each event read back as what was done, and nothing more.
struct SambaAuditReaderTests {
    static func events(_ name: String) throws -> LogHarness.Result {
        LogHarness.parse(try Fixtures.text("Tests/Fixtures/samba/\(name).json").trimmingCharacters(in: .newlines), format: .sambaAudit)
    }

    @Test func theFilesAreRecognisedByTheirFirstLine() throws {
        for name in ["auth", "dsdb", "group", "password"] {
            let first = try Fixtures.text("Tests/Fixtures/samba/\(name).json").split(separator: "\n").first.map(String.init) ?? ""
            var sniffer = FileFormatSniffer()
            Array(first.utf8).withUnsafeBytes { sniffer.examine(ByteLine($0)) }
            #expect(sniffer.format == .sambaAudit, "\(name)")
        }
    }

    @Test func authenticationsAreTheLockoutAndTheExpiredAdministrator() throws {
        let result = try Self.events("auth")
        #expect(result.verdicts.allSatisfy { $0 == .understood })
        let ldaps = result.events.filter { $0.sourceIP == "127.0.0.1" }
        #expect(ldaps.count == 10)
        #expect(ldaps.allSatisfy { $0.action == .authFailure && $0.service == .ldap && $0.serverIP == "127.0.0.10" })
        let simple = ldaps.filter { $0.mechanism == "simple bind/TLS" }
        #expect(simple.allSatisfy { $0.windows?.logonType == 8 } && simple.count == 9)
        #expect(Dictionary(grouping: ldaps, by: { $0.user ?? "" }).mapValues(\.count)
            == ["locked.user@corp.example.test": 6, "Administrator@corp.example.test": 3, "Administrator": 1])
        #expect(ldaps.filter { $0.user == "locked.user@corp.example.test" }.compactMap(\.reason)
            == Array(repeating: "password mismatch", count: 5) + ["account locked"])
        #expect(ldaps.filter { $0.user == "Administrator@corp.example.test" }.allSatisfy { $0.reason == "password expired" })
        // samba-tool's own failed NTLM attempts over ldapi have no network address.
        let local = result.events.filter { $0.sourceIP == nil }
        #expect(local.count == 6 && local.allSatisfy { $0.user == "root" && $0.reason == "authentication failed" })
    }

    @Test func directoryChangesAreWhatWasDone() throws {
        var changes = try Self.events("dsdb").events + Self.events("group").events + Self.events("password").events
        changes.sort { ($0.time, $0.offset) < ($1.time, $1.offset) }
        let described = changes.map { "\($0.action.rawValue) \($0.change?.target ?? "-") \($0.change?.group ?? "-")" }
        #expect(Set(described) == [
            "account-created evil.admin -", "password-reset evil.admin -", "account-enabled evil.admin -",
            "group-member-added evil.admin Domain Admins", "account-enabled disabled.user -", "account-changed carol.brown -",
        ])
        #expect(changes.allSatisfy { $0.user == "S-1-5-18" }, "over ldapi the DC itself acts")
        let enabled = try #require(changes.first { $0.change?.target == "disabled.user" })
        #expect(enabled.change?.changes == ["userAccountControl: 0x202 -> 0x200"])
        #expect(enabled.change?.targetID == "CN=disabled.user,OU=Staff,OU=Corp,DC=corp,DC=example,DC=test")
        let weakened = try #require(changes.first { $0.change?.target == "carol.brown" })
        #expect(weakened.change?.changes == ["userAccountControl: ? -> 0x10200"])
        // The lockout's badPwdCount writes are bookkeeping, not changes.
        #expect(!changes.contains { $0.change?.target == "locked.user" })
    }

    @Test func addressesOfEveryShape() {
        #expect(SambaAuditReader.address("ipv4:192.0.2.7:51234") == "192.0.2.7")
        #expect(SambaAuditReader.address("ipv6:[2001:db8::1]:51234") == "2001:db8::1")
        #expect(SambaAuditReader.address("ipv6:2001:db8::1:51234") == "2001:db8::1")
        #expect(SambaAuditReader.address("unix:") == nil)
    }

    @Test func brokenLinesAreUnrecognized() {
        let result = LogHarness.parse("{\"timestamp\": \"x\"}\n{not json\n{\"timestamp\": \"2026-12-03T14:54:56.535496+0000\", \"type\": \"groupChange\"}",
                                      format: .sambaAudit)
        #expect(result.events.isEmpty)
        #expect(result.verdicts == [.unrecognized, .unrecognized, .unrecognized])
    }
}
