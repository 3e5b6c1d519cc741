import Foundation
import Testing
import TestSupport

/// The plan's `find-account` step searches the directory for compromised logins that match no
/// entry, so attacker-typed names land inside LDAP filters. Here the hostile log is audited
/// against the live slapd and Samba AD DC (none of its names exist there): every generated
/// filter, taken from the command as bash would pass it, is run by the real `ldapsearch`
/// against the real server. Each must be a valid filter that matches nothing; the same filter
/// with the RFC 4515 escapes undone (what naive pasting would give) must match real entries,
/// which shows the test can tell the two apart.
@Suite(.enabled(if: LiveFixtures.available, "needs the directories started by Tests/Scripts/with-fixtures.sh"))
struct LDAPFilterInjectionTests {
    static let values = HostileIdentityAuditTests.values
    static let injection = "*)(uid=*"

    func audit(_ url: String, bindDN: String, passwordFile: String) throws -> [[String: Any]] {
        let result = try CommandRunner.run(["audit", "--ldap", url, "--bind-dn", bindDN, "--password-file", passwordFile,
                                            "--ca-file", LiveFixtures.ca, "--logs", HostileIdentityAuditTests.log,
                                            "--as-of", Self.values.as_of, "--timezone", "UTC", "--output", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        return try HostileIdentityAuditTests.plan(result)
    }

    /// The filter argument of each find-account command for `target`, as the program receives it.
    func filters(_ plan: [[String: Any]], target: String, program: String, position: Int) throws -> [String] {
        let step = try #require(plan.first { $0["action"] as? String == "find-account" })
        let commands = (step["commands"] as? [[String: Any]] ?? []).filter { $0["target"] as? String == target }.compactMap { $0["text"] as? String }
        let stubs = try StubShell(programs: [program])
        var filters: [String] = []
        for command in commands {
            let (result, ran) = try stubs.run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(ran.count == 1 && ran[0].program == program)
            filters += ran.map { $0.arguments[position] }
        }
        return filters
    }

    /// Entries `ldapsearch` returns for `filter` (nil: the search failed).
    func search(_ url: String, bindDN: String, passwordFile: String, base: String, filter: String) throws -> Int? {
        let result = try CommandRunner.run(["-LLL", "-x", "-H", url, "-D", bindDN, "-y", passwordFile, "-b", base, filter, "1.1"],
                                           environment: ["LDAPTLS_CACERT": LiveFixtures.ca, "LDAPTLS_REQCERT": "demand"],
                                           executable: "/usr/bin/ldapsearch")
        guard result.status == 0 else { return nil }
        return result.stdout.split(separator: "\n").filter { $0.hasPrefix("dn:") }.count
    }

    /// What pasting the login unescaped would have produced.
    static func naive(_ filter: String) -> String {
        filter.replacingOccurrences(of: "\\2a", with: "*").replacingOccurrences(of: "\\28", with: "(").replacingOccurrences(of: "\\29", with: ")")
    }

    /// Logins of the hostile log short enough to be searched (the 100 KB one is not).
    static var searchable: Int {
        (values.names + values.log_only_names).filter { $0.utf8.count <= 1024 }.count
    }

    @Test func slapdFindsNothingForEveryHostileLogin() throws {
        let url = "ldaps://\(LiveFixtures.slapdIP)"
        let plan = try audit(url, bindDN: LiveFixtures.slapdBindDN, passwordFile: LiveFixtures.slapdPasswordFile)
        let filters = try filters(plan, target: "openldap", program: "ldapsearch", position: 7)
        #expect(filters.count == Self.searchable)
        for filter in filters {
            let found = try search(url, bindDN: LiveFixtures.slapdBindDN, passwordFile: LiveFixtures.slapdPasswordFile, base: "dc=example,dc=org", filter: filter)
            #expect(found == 0, "\(filter.debugDescription)")
        }
        let injected = try #require(filters.first { $0.hasPrefix("(|(uid=\\2a\\29\\28uid=\\2a)") })
        let naive = try search(url, bindDN: LiveFixtures.slapdBindDN, passwordFile: LiveFixtures.slapdPasswordFile, base: "dc=example,dc=org",
                               filter: Self.naive(injected))
        #expect((naive ?? 0) >= SlapdFixtureExpectations.accountCount, "unescaped, \(Self.injection) would match every account")
    }

    @Test func sambaFindsNothingForEveryHostileLogin() throws {
        let url = "ldaps://\(LiveFixtures.sambaIP)"
        let plan = try audit(url, bindDN: LiveFixtures.sambaBindDN, passwordFile: LiveFixtures.sambaPasswordFile)
        let filters = try filters(plan, target: "samba", program: "ldbsearch", position: 2)
        #expect(filters.count == Self.searchable)
        for filter in filters {
            let found = try search(url, bindDN: LiveFixtures.sambaBindDN, passwordFile: LiveFixtures.sambaPasswordFile, base: LiveFixtures.sambaBase, filter: filter)
            #expect(found == 0, "\(filter.debugDescription)")
        }
        let injected = try #require(filters.first { $0.contains("(sAMAccountName=\\2a\\29\\28uid=\\2a)") })
        let naive = try search(url, bindDN: LiveFixtures.sambaBindDN, passwordFile: LiveFixtures.sambaPasswordFile, base: LiveFixtures.sambaBase,
                               filter: Self.naive(injected))
        #expect((naive ?? 0) >= 10, "unescaped, \(Self.injection) would match every user")
    }
}
