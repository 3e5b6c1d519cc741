import Directory
import Testing
import TestSupport

struct PrivilegeResolverTests {
    let domain = "S-1-5-21-1-2-3"

    func group(_ name: String, rid: UInt32? = nil, builtin: Bool = false, members: [String] = [], memberNames: [String] = []) -> DirectoryGroup {
        let sid = rid.flatMap { SecurityIdentifier(string: builtin ? "S-1-5-32-\($0)" : "\(domain)-\($0)") }
        return DirectoryGroup(dn: "CN=\(name),CN=Users,DC=corp", name: name, sid: sid, members: members, memberNames: memberNames)
    }

    @Test func nestedMembershipIsFollowedAndNamed() {
        var accounts = [AccountBuilder.account("nested")]
        let groups = [
            group("Domänen-Admins", rid: 512, members: ["CN=IT Admins,CN=Users,DC=corp"]),
            group("IT Admins", members: ["cn=nested, ou=staff, dc=corp"]),
        ]
        accounts[0].dn = "CN=nested,OU=Staff,DC=corp"
        let privileged = PrivilegeResolver(domainSID: domain, privilegedGroupNames: []).resolve(accounts: &accounts, groups: groups + [group("Sales")])
        #expect(accounts[0].privileged)
        #expect(accounts[0].privilegedVia == ["IT Admins", "Domänen-Admins"])
        // The privileged groups come back, nested ones with their chain; Sales is not one.
        #expect(privileged.map(\.group.name) == ["Domänen-Admins", "IT Admins"])
        #expect(privileged.map(\.via) == [["Domänen-Admins"], ["IT Admins", "Domänen-Admins"]])
    }

    @Test func builtinAdministratorsAndPrimaryGroupCount() {
        var accounts = [AccountBuilder.account("op") { $0.dn = "CN=op,DC=corp" },
                        AccountBuilder.account("primary") { $0.primaryGroupRID = 512 },
                        AccountBuilder.account("plain") { $0.primaryGroupRID = 513 }]
        let groups = [group("Backup Operators", rid: 551, builtin: true, members: ["CN=op,DC=corp"])]
        PrivilegeResolver(domainSID: domain, privilegedGroupNames: []).resolve(accounts: &accounts, groups: groups)
        #expect(accounts.map(\.privileged) == [true, true, false])
    }

    @Test func groupsFromOtherDomainsWithRID512AreNotPrivilegedHere() {
        var accounts = [AccountBuilder.account("x") { $0.dn = "CN=x,DC=corp" }]
        let foreign = DirectoryGroup(dn: "CN=DA,DC=other", name: "DA", sid: SecurityIdentifier(string: "S-1-5-21-9-9-9-512"), members: ["CN=x,DC=corp"])
        PrivilegeResolver(domainSID: domain, privilegedGroupNames: []).resolve(accounts: &accounts, groups: [foreign])
        #expect(!accounts[0].privileged)
    }

    @Test func posixGroupsByNameFromThePolicy() {
        var accounts = [AccountBuilder.account("root.like"), AccountBuilder.account("user")]
        let wheel = DirectoryGroup(dn: "cn=wheel,ou=groups,dc=example", name: "wheel", memberNames: ["Root.Like"])
        PrivilegeResolver(domainSID: nil, privilegedGroupNames: ["wheel"]).resolve(accounts: &accounts, groups: [wheel])
        #expect(accounts.map(\.privileged) == [true, false])
    }

    @Test func memberOfCountsWhenTheGroupItselfWasNotRead() {
        var accounts = [AccountBuilder.account("a") { $0.memberOf = ["cn=admins,ou=groups,dc=example,dc=org"] }]
        PrivilegeResolver(domainSID: nil, privilegedGroupNames: ["admins"]).resolve(accounts: &accounts, groups: [])
        #expect(accounts[0].privileged)
    }

    @Test func administratorAndKrbtgtByRID() {
        var accounts = [AccountBuilder.account("Admin") { $0.rid = 500 }, AccountBuilder.account("krbtgt") { $0.rid = 502 }]
        PrivilegeResolver(domainSID: domain, privilegedGroupNames: []).resolve(accounts: &accounts, groups: [])
        #expect(accounts.allSatisfy { $0.privileged })
    }

    @Test func groupCyclesTerminate() {
        var accounts = [AccountBuilder.account("a") { $0.dn = "CN=a,DC=corp" }]
        let groups = [group("Domain Admins", rid: 512, members: ["CN=Loop,CN=Users,DC=corp"]),
                      group("Loop", members: ["CN=Domain Admins,CN=Users,DC=corp", "CN=a,DC=corp"])]
        PrivilegeResolver(domainSID: domain, privilegedGroupNames: []).resolve(accounts: &accounts, groups: groups)
        #expect(accounts[0].privilegedVia == ["Loop", "Domain Admins"])
    }
}

struct DistinguishedNameTests {
    @Test func keysIgnoreCaseAndSpacesAroundSeparators() {
        #expect(DistinguishedName.key("CN=Domain Admins, CN=Users,DC=corp") == DistinguishedName.key("cn=domain admins,cn=users, dc=corp"))
        #expect(DistinguishedName.key("CN=a\\, b,DC=x") != DistinguishedName.key("CN=a,CN=b,DC=x"))
        #expect(DistinguishedName.firstValue("CN=Smith\\, John,OU=x") == "Smith, John")
    }
}
