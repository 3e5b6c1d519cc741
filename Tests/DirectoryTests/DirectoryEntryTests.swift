import Directory
import Testing

/// Attribute names are case-insensitive and options are dropped, whatever the spelling asked for.
struct DirectoryEntryTests {
    @Test func namesMatchWhateverTheCase() {
        var entry = DirectoryEntry(dn: "uid=a,dc=x")
        entry.append("pwdAccountLockedTime", [Array("000001010000Z".utf8)])
        entry.append("userCertificate;binary", [[0x30, 0x82]])
        entry.append("OBJECTCLASS", [Array("inetOrgPerson".utf8), Array("PosixAccount".utf8)])
        entry.append("objectClass", [Array("pwdPolicy".utf8)])
        #expect(entry.string("pwdaccountlockedtime") == "000001010000Z")
        #expect(entry.string("PWDACCOUNTLOCKEDTIME") == "000001010000Z")
        #expect(entry.values("usercertificate") == [[0x30, 0x82]])
        #expect(entry.strings("objectClass") == ["inetOrgPerson", "PosixAccount", "pwdPolicy"])
        #expect(entry.hasObjectClass("posixaccount") && entry.hasObjectClass("PWDPOLICY"))
        #expect(!entry.hasObjectClass("posixaccountx") && !entry.has("pwdAccountLocked"))
        #expect(Set(entry.attributes.keys) == ["pwdaccountlockedtime", "usercertificate", "objectclass"])
        #expect(entry == DirectoryEntry(dn: "uid=a,dc=x", attributes: entry.attributes))
    }
}
