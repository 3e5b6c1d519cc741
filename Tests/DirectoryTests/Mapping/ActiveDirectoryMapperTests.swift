import RelayAuditCore
import Directory
import Foundation
import Testing

struct ActiveDirectoryMapperTests {
    let asOf = Instant(seconds: 1_795_000_000)
    var mapper: ActiveDirectoryMapper { ActiveDirectoryMapper(lockoutDurationSeconds: 1800, asOf: asOf) }

    func entry(_ attributes: [String: [String]], dn: String = "CN=x,DC=corp") -> DirectoryEntry {
        var e = DirectoryEntry(dn: dn)
        e.append("objectClass", [Array("user".utf8)])
        for (k, v) in attributes { e.append(k, v.map { Array($0.utf8) }) }
        return e
    }

    /// S-1-5-21-1-2-3-RID in binary.
    func sid(_ rid: UInt32) -> [UInt8] {
        var bytes: [UInt8] = [1, 5, 0, 0, 0, 0, 0, 5]
        for sub: UInt32 in [21, 1, 2, 3, rid] { bytes += withUnsafeBytes(of: sub.littleEndian, Array.init) }
        return bytes
    }

    @Test func uacZeroOrMissingIsUnknownNotEnabled() {
        #expect(mapper.account(from: entry(["sAMAccountName": ["a"], "userAccountControl": ["0"]])).state == .unknown)
        let missing = mapper.account(from: entry(["sAMAccountName": ["a"]]))
        #expect(missing.state == .unknown)
        #expect(missing.unreadableAttributes.contains("userAccountControl"))
    }

    @Test func readsTheUACBits() {
        let a = mapper.account(from: entry(["sAMAccountName": ["a"], "userAccountControl": ["\(0x200 | 0x20 | 0x80 | 0x10000 | 0x400000)"]]))
        #expect(a.state == .enabled)
        #expect(a.passwordNotRequired && a.reversibleEncryption && a.passwordNeverExpires && a.preauthNotRequired)
        #expect(mapper.account(from: entry(["userAccountControl": ["514"]])).state == .disabled)
    }

    @Test func guestIsFoundByRIDWhateverItsName() {
        var e = entry(["sAMAccountName": ["Invitado"], "userAccountControl": ["66080"]])
        e.append("objectSid", [sid(501)])
        let a = mapper.account(from: e)
        #expect(a.isGuest)
        #expect(a.sid == "S-1-5-21-1-2-3-501")
        #expect(a.name == "Invitado")
    }

    @Test func pwdLastSetZeroMeansMustChangeNotAncient() {
        let a = mapper.account(from: entry(["userAccountControl": ["512"], "pwdLastSet": ["0"]]))
        #expect(a.passwordLastSet == nil)
        #expect(a.mustChangePassword)
        let exempt = mapper.account(from: entry(["userAccountControl": ["66048"], "pwdLastSet": ["0"]]))
        #expect(!exempt.mustChangePassword)
    }

    @Test func accountExpiresZeroAndMaxMeanNever() {
        #expect(mapper.account(from: entry(["userAccountControl": ["512"], "accountExpires": ["0"]])).expires == nil)
        #expect(mapper.account(from: entry(["userAccountControl": ["512"], "accountExpires": ["9223372036854775807"]])).expires == nil)
        let set = mapper.account(from: entry(["userAccountControl": ["512"], "accountExpires": ["134000000000000000"]]))
        #expect(set.expires != nil)
    }

    @Test func lastLogonIsTheLaterOfBothWithItsSource() {
        let exactLater = mapper.account(from: entry(["userAccountControl": ["512"], "lastLogon": ["134400000000000000"],
                                                     "lastLogonTimestamp": ["134300000000000000"]]))
        #expect(exactLater.lastLogonSource == .lastLogon)
        let replicatedLater = mapper.account(from: entry(["userAccountControl": ["512"], "lastLogon": ["0"],
                                                          "lastLogonTimestamp": ["134300000000000000"]]))
        #expect(replicatedLater.lastLogonSource == .lastLogonTimestamp)
        #expect(replicatedLater.lastLogon == FileTime.instant(134_300_000_000_000_000))
    }

    @Test func lockoutComesFromTheComputedAttributeThenLockoutTime() {
        #expect(mapper.account(from: entry(["userAccountControl": ["512"], "msDS-User-Account-Control-Computed": ["16"]])).lockedOut)
        #expect(!mapper.account(from: entry(["userAccountControl": ["512"], "msDS-User-Account-Control-Computed": ["8388608"],
                                             "lockoutTime": ["\(FileTime.value(asOf) - 1)"]])).lockedOut)
        let recent = FileTime.value(asOf.adding(seconds: -600))
        #expect(mapper.account(from: entry(["userAccountControl": ["512"], "lockoutTime": ["\(recent)"]])).lockedOut)
        let old = FileTime.value(asOf.adding(seconds: -7200))
        #expect(!mapper.account(from: entry(["userAccountControl": ["512"], "lockoutTime": ["\(old)"]])).lockedOut)
    }

    @Test func mailIncludesEveryProxyAddressOnce() {
        let a = mapper.account(from: entry(["userAccountControl": ["512"], "mail": ["Alice@corp.example"],
                                            "proxyAddresses": ["smtp:al@corp.example", "SMTP:alice@corp.example", "X500:/o=x", "sip:a@b"]]))
        #expect(a.mail == ["Alice@corp.example", "al@corp.example"])
    }

    @Test func computersAndTrustsAreNotAudited() {
        var computer = entry(["userAccountControl": ["4096"]])
        computer.append("objectClass", [Array("computer".utf8)])
        #expect(!ActiveDirectoryMapper.isUserAccount(computer))
        #expect(!ActiveDirectoryMapper.isUserAccount(entry(["userAccountControl": ["2080"]])))
        #expect(ActiveDirectoryMapper.isUserAccount(entry(["userAccountControl": ["512"]])))
    }

    @Test func readsTheDomainPolicy() {
        var domain = DirectoryEntry(dn: "DC=corp")
        for (k, v) in ["maxPwdAge": "-36288000000000", "minPwdLength": "7", "lockoutThreshold": "0", "pwdProperties": "17"] {
            domain.append(k, [Array(v.utf8)])
        }
        let p = mapper.domainPolicy(from: domain)
        #expect(p.maxAgeDays == 42 && p.minLength == 7 && p.lockoutThreshold == 0)
        #expect(p.complexity == true && p.reversibleEncryption == true)
        var never = DirectoryEntry(dn: "DC=corp")
        never.append("maxPwdAge", [Array("-9223372036854775808".utf8)])
        #expect(mapper.domainPolicy(from: never).maxAgeDays == 0)
    }
}

struct SecurityIdentifierTests {
    @Test func decodesTheBinaryForm() throws {
        let bytes: [UInt8] = [1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 0x8D, 0x4E, 0x9E, 0x6F, 0xDB, 0x4C, 0x73, 0x61, 0x0B, 0x5B, 0x1A, 0x4B, 0xF5, 0x01, 0, 0]
        let sid = try #require(SecurityIdentifier(bytes: bytes))
        #expect(sid.description == "S-1-5-21-1872645773-1634946267-1260018443-501")
        #expect(sid.rid == 501)
        #expect(sid.domainPart == "S-1-5-21-1872645773-1634946267-1260018443")
        #expect(SecurityIdentifier(string: "S-1-5-32-544")?.isBuiltin == true)
    }

    @Test func rejectsBytesThatAreNotASID() {
        #expect(SecurityIdentifier(bytes: []) == nil)
        #expect(SecurityIdentifier(bytes: [1, 5, 0, 0]) == nil)
        #expect(SecurityIdentifier(bytes: [2, 0, 0, 0, 0, 0, 0, 5]) == nil)
        #expect(SecurityIdentifier(bytes: [1, 2, 0, 0, 0, 0, 0, 5, 1, 0, 0, 0]) == nil)
    }
}

struct FileTimeTests {
    @Test func convertsAndKeepsSpecialValues() {
        #expect(FileTime.instant(0) == nil)
        #expect(FileTime.instant(FileTime.never) == nil)
        #expect(FileTime.instant(116_444_736_000_000_000) == Instant(seconds: 0))
        // Sub-second digits are dropped: the second it falls in.
        #expect(FileTime.instant(116_444_736_009_999_999) == Instant(seconds: 0))
        #expect(FileTime.intervalDays(-36_288_000_000_000) == 42)
        #expect(FileTime.intervalDays(0) == 0)
        #expect(FileTime.intervalSeconds(-18_000_000_000) == 1800)
        #expect(FileTime.intervalSeconds(Int64.min) == nil)
    }
}
