import Checker
import Directory
import Testing
import TestSupport

struct IdentityIndexTests {
    var snapshot: DirectorySnapshot {
        var s = AccountBuilder.snapshot([
            AccountBuilder.account("alice.johnson") {
                $0.userPrincipalName = "alice.johnson@corp.example.test"
                $0.mail = ["alice.johnson@corp.example.test", "ajohnson@corp.example.test"]
            },
            AccountBuilder.account("Guest") { $0.rid = 501 },
            AccountBuilder.account("shared1") { $0.mail = ["info@corp.example.test"] },
            AccountBuilder.account("shared2") { $0.mail = ["info@corp.example.test"] },
        ])
        s.baseDN = "DC=corp,DC=example,DC=test"
        return s
    }

    @Test func everySpellingOfALoginResolves() {
        let index = IdentityIndex(snapshot: snapshot)
        for identity in ["alice.johnson", "ALICE.JOHNSON", "CORP\\alice.johnson", "alice.johnson@corp.example.test", "ajohnson@corp.example.test"] {
            #expect(index.resolve(identity) == .account(0), "\(identity)")
        }
        #expect(index.resolve("guest") == .account(1))
        #expect(index.resolve("guest@corp.example.test") == .account(1), "name@directory-domain")
        #expect(index.resolve("guest@mail.partner.example", ownDomains: ["mail.partner.example"]) == .account(1))
    }

    @Test func unknownAmbiguousAndHostileIdentitiesResolveToNothing() {
        let index = IdentityIndex(snapshot: snapshot)
        #expect(index.resolve("bob") == .notFound)
        #expect(index.resolve("guest@elsewhere.example") == .notFound)
        #expect(index.resolve("info@corp.example.test") == .ambiguous([2, 3]))
        for hostile in ["*)(uid=*", "*", "alice*", "(|(uid=*))", "alice.johnson\u{0}"] {
            #expect(index.resolve(hostile) == .notFound, "\(hostile)")
        }
    }
}
