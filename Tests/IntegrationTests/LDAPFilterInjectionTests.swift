import Foundation
import Testing
import TestSupport

/// The plan's `find-account` step searches the directory for compromised logins that match no
/// entry, so attacker-typed names land inside LDAP filters. Here the hostile log is audited
/// against the live slapd, Samba AD DC and 389-ds (none of its names exist there): every generated
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

    /// A live directory, and where its plan's find-account command puts the filter.
    struct Server: CustomTestStringConvertible, Sendable {
        var name: String
        var url: String
        var bindDN: String
        var passwordFile: String
        var base: String
        /// The plan's target and program for this kind, and the filter's argument index.
        var target: String
        var program: String
        var position: Int
        /// How the `*)(uid=*` login's filter starts, escaped.
        var injectedPrefix: String
        /// Entries a naive filter must match at least.
        var everyone: Int
        var testDescription: String { name }
    }

    static let servers = [
        Server(name: "slapd", url: "ldaps://\(LiveFixtures.slapdIP)", bindDN: LiveFixtures.slapdBindDN, passwordFile: LiveFixtures.slapdPasswordFile,
               base: "dc=example,dc=org", target: "openldap", program: "ldapsearch", position: 7,
               injectedPrefix: "(|(uid=\\2a\\29\\28uid=\\2a)", everyone: SlapdFixtureExpectations.accountCount),
        Server(name: "Samba AD DC", url: "ldaps://\(LiveFixtures.sambaIP)", bindDN: LiveFixtures.sambaBindDN, passwordFile: LiveFixtures.sambaPasswordFile,
               base: LiveFixtures.sambaBase, target: "samba", program: "ldbsearch", position: 2,
               injectedPrefix: "(&(objectCategory=person)(objectClass=user)(|(sAMAccountName=\\2a\\29\\28uid=\\2a)", everyone: 1000),
        Server(name: "389-ds", url: "ldaps://\(LiveFixtures.ds389IP)", bindDN: LiveFixtures.ds389BindDN, passwordFile: LiveFixtures.ds389PasswordFile,
               base: "dc=example,dc=net", target: "389ds", program: "ldapsearch", position: 7,
               injectedPrefix: "(|(uid=\\2a\\29\\28uid=\\2a)", everyone: DS389FixtureExpectations.accountCount),
    ]

    @Test(arguments: servers)
    func everyHostileLoginFindsNothing(_ server: Server) throws {
        let plan = try audit(server.url, bindDN: server.bindDN, passwordFile: server.passwordFile)
        let filters = try filters(plan, target: server.target, program: server.program, position: server.position)
        #expect(filters.count == Self.searchable)
        for filter in filters {
            let found = try search(server.url, bindDN: server.bindDN, passwordFile: server.passwordFile, base: server.base, filter: filter)
            #expect(found == 0, "\(filter.debugDescription)")
        }
        let injected = try #require(filters.first { $0.hasPrefix(server.injectedPrefix) })
        let naive = try search(server.url, bindDN: server.bindDN, passwordFile: server.passwordFile, base: server.base, filter: Self.naive(injected))
        #expect((naive ?? 0) >= server.everyone, "unescaped, \(Self.injection) would match every account")
    }
}
