import Directory
import RelayAuditCore
import Testing

struct LDIFParserTests {
    /// Parses `text` line by line as the file loader does.
    func parse(_ text: String) -> (entries: [DirectoryEntry], diagnostics: [Diagnostic]) {
        var parser = LDIFParser(file: "t.ldif")
        var entries: [DirectoryEntry] = []
        // Split bytes, not Characters: "\r\n" is one Character in Swift.
        let lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if let e = parser.feed(line: line, number: index + 1) { entries.append(e) }
        }
        if let e = parser.finish() { entries.append(e) }
        return (entries, parser.diagnostics)
    }

    @Test func readsLdapsearchOutputWithCommentsReferencesAndResults() throws {
        let (entries, diagnostics) = parse("""
            # extended LDIF
            #
            # LDAPv3
            version: 1

            # alice, Users, corp.example.test
            dn: CN=alice,CN=Users,DC=corp,DC=example,DC=
             test
            objectClass: user
            sAMAccountName: alice
            objectSid:: AQUAAAAAAAUVAAAAAQAAAAIAAAADAAAA9AEAAA==
            description:: w6nDqQ==

            # refldaps://corp.example.test/CN=Configuration,DC=corp,DC=example,DC=test

            # search reference
            ref: ldaps://corp.example.test/DC=DomainDnsZones,DC=corp,DC=example,DC=test

            # pagedresults: cookie=
            # search result
            search: 2
            result: 0 Success

            # numResponses: 3
            # numEntries: 1
            """)
        #expect(diagnostics.isEmpty)
        let alice = try #require(entries.first)
        #expect(entries.count == 1)
        #expect(alice.dn == "CN=alice,CN=Users,DC=corp,DC=example,DC=test")
        #expect(alice.string("samaccountname") == "alice")
        #expect(alice.string("description") == "éé")
        #expect(SecurityIdentifier(bytes: alice.values("objectSid")[0])?.rid == 500)
    }

    @Test func anIncompleteExportIsAnError() {
        let (_, diagnostics) = parse("dn: cn=a\ncn: a\n\nsearch: 2\nresult: 4 Size limit exceeded\n")
        #expect(diagnostics.map(\.description) == [
            "t.ldif:5: error: the export records 'result: 4 Size limit exceeded': the search that wrote it did not complete, so the file is incomplete",
        ])
    }

    @Test func readsLdifdeAddRecordsAndCRLF() {
        let (entries, diagnostics) = parse("dn: CN=bob,DC=corp\r\nchangetype: add\r\nsAMAccountName: bob\r\nmember;range=0-1: x\r\n\r\n")
        #expect(diagnostics.isEmpty)
        #expect(entries.first?.string("sAMAccountName") == "bob")
        #expect(entries.first?.strings("member") == ["x"])
        #expect(!(entries.first?.has("changetype") ?? true))
    }

    @Test func changeRecordsAreRefused() {
        let (_, diagnostics) = parse("dn: cn=a\nchangetype: modify\nreplace: cn\ncn: b\n-\n")
        #expect(diagnostics.contains { $0.description.contains("t.ldif:2: error: 'changetype: modify' is a change record") })
    }

    @Test func badLinesAreNamedByNumber() {
        let (_, diagnostics) = parse("dn: cn=a\nthis line has no colon\nmail:: !!!notbase64\n\n foo\n")
        #expect(diagnostics.map(\.description) == [
            "t.ldif:2: error: expected 'attribute: value', found no colon",
            "t.ldif:3: error: the base64 value of 'mail' is not valid base64",
            "t.ldif:5: error: a continuation line (starting with a space) with nothing to continue",
        ])
    }

    @Test func recordsMustStartWithDN() {
        let (_, diagnostics) = parse("cn: a\nsn: b\n")
        #expect(diagnostics.first?.description == "t.ldif:1: error: a record must start with 'dn:', found 'cn'")
    }

    @Test func binaryGarbageYieldsBoundedErrors() {
        var parser = LDIFParser(file: "g")
        for n in 1...1000 { _ = parser.feed(line: [0xFF, 0x00, 0x1B, 0x41][...], number: n) }
        #expect(parser.diagnostics.count == LDIFParser.maximumDiagnostics)
        #expect(!parser.diagnostics[0].description.contains("\u{1B}"))
    }
}

struct DirectoryKindDetectorTests {
    func entry(_ attributes: [String: [String]]) -> DirectoryEntry {
        var e = DirectoryEntry(dn: "")
        for (k, v) in attributes { e.append(k, v.map { Array($0.utf8) }) }
        return e
    }

    @Test func fromTheRootDSE() {
        #expect(DirectoryKindDetector.detect(rootDSE: entry(["supportedCapabilities": ["1.2.840.113556.1.4.800"]])) == .activeDirectory)
        #expect(DirectoryKindDetector.detect(rootDSE: entry(["objectClass": ["top", "OpenLDAProotDSE"]])) == .openldap)
        #expect(DirectoryKindDetector.detect(rootDSE: entry(["vendorName": ["389 Project"], "vendorVersion": ["389-Directory/2.3"]])) == .ds389)
        #expect(DirectoryKindDetector.detect(rootDSE: entry([:])) == .unknown)
    }

    @Test func fromExportedEntries() {
        #expect(DirectoryKindDetector.detect(entries: [entry(["sAMAccountName": ["a"]])]) == .activeDirectory)
        #expect(DirectoryKindDetector.detect(entries: [entry(["entryCSN": ["x"]])]) == .openldap)
        #expect(DirectoryKindDetector.detect(entries: [entry(["nsUniqueId": ["x"]])]) == .ds389)
        #expect(DirectoryKindDetector.detect(entries: [entry(["ipaUniqueID": ["x"]])]) == .freeipa)
        #expect(DirectoryKindDetector.detect(entries: [entry(["uid": ["x"]])]) == .unknown)
        #expect(DirectoryKindDetector.refine(.ds389, with: entry(["objectClass": ["ipaObject"]])) == .freeipa)
    }
}
