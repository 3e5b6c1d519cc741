import Foundation
import Testing
import TestSupport

/// The audit is read-only by construction: no libldap call that writes is reachable from any
/// module. (The live tests bind as identities with read rights only: slapd's cn=auditor,
/// Samba's svc.audit.)
struct ReadOnlyTests {
    static let writeCalls = ["ldap_modify", "ldap_add", "ldap_delete", "ldap_rename", "ldap_modrdn", "ldap_passwd",
                             "ldap_extended_operation", "ldap_txn_"]

    @Test func noSourceCallsAnLDAPWriteOperation() throws {
        let sources = Fixtures.repository.appendingPathComponent("Sources")
        let enumerator = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var scanned = 0
        for case let file as URL in enumerator where ["swift", "c", "h"].contains(file.pathExtension) {
            let text = try String(contentsOf: file, encoding: .utf8)
            scanned += 1
            for call in Self.writeCalls {
                #expect(!text.contains(call), "\(file.lastPathComponent) uses \(call)")
            }
        }
        #expect(scanned > 100)
        // The binding does use libldap: the scan would see a write call if one were added.
        let shim = try String(contentsOf: sources.appendingPathComponent("CLDAP/shims.c"), encoding: .utf8)
        #expect(shim.contains("ldap_"))
    }
}
