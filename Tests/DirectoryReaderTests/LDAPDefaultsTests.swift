@testable import DirectoryReader
import Foundation
import Testing

struct LDAPDefaultsTests {
    @Test func laterSourcesWinAndBindDNIsUserOnly() {
        var d = LDAPDefaults()
        d.apply(fileText: "# system\nURI ldap://system\nBASE dc=system\nBINDDN cn=ignored\nTLS_CACERT /etc/ssl/ca.pem\n", name: "/etc/ldap/ldap.conf", userFile: false)
        #expect(d.bindDN == nil)
        d.apply(fileText: "BINDDN cn=me,dc=x\n\tBASE   dc=user  \n", name: "~/.ldaprc", userFile: true)
        d.apply(environment: ["LDAPURI": "ldaps://env", "LDAPTLS_REQCERT": "never", "HOME": "/root"])
        #expect(d.uri == "ldaps://env")
        #expect(d.base == "dc=user")
        #expect(d.bindDN == "cn=me,dc=x")
        #expect(d.caFile == "/etc/ssl/ca.pem")
        #expect(d.requireCertificate == "never")
        #expect(d.origins["URI"] == "LDAPURI")
    }

    @Test func loadsTheFilesLibldapReadsAndHonoursLDAPNOINIT() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ldd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "URI ldap://from-conf\n".write(to: dir.appendingPathComponent("ldap.conf"), atomically: true, encoding: .utf8)
        try "BINDDN cn=rc\n".write(to: dir.appendingPathComponent(".ldaprc"), atomically: true, encoding: .utf8)
        let env = ["LDAPCONF": dir.appendingPathComponent("ldap.conf").path, "HOME": dir.path, "LDAPBASE": "dc=env"]
        let d = LDAPDefaults.load(environment: env, currentDirectory: "/nonexistent")
        #expect(d.uri == "ldap://from-conf" && d.bindDN == "cn=rc" && d.base == "dc=env")
        #expect(LDAPDefaults.load(environment: env.merging(["LDAPNOINIT": "1"]) { $1 }, currentDirectory: "/") == LDAPDefaults())
    }
}

struct AttributeRangeTests {
    @Test func parsesRangedDescriptions() {
        #expect(AttributeRange(attributeDescription: "member;range=0-1499") == AttributeRange(baseName: "member", low: 0, high: 1499))
        #expect(AttributeRange(attributeDescription: "member;range=1500-*")?.isLast == true)
        #expect(AttributeRange(attributeDescription: "member;range=0-1499")?.nextStart == 1500)
        #expect(AttributeRange(attributeDescription: "member") == nil)
        #expect(AttributeRange(attributeDescription: "member;range=5-2") == nil)
        #expect(AttributeRange(attributeDescription: "member;range=x-*") == nil)
    }
}

extension AttributeRange {
    init(baseName: String, low: Int, high: Int?) {
        self = AttributeRange(attributeDescription: "\(baseName);range=\(low)-\(high.map(String.init) ?? "*")")!
    }
}

struct TCPProbeTests {
    @Test func findsHostAndPort() {
        #expect(TCPProbe.endpoint(of: "ldaps://dc1.corp.example")! == ("dc1.corp.example", 636))
        #expect(TCPProbe.endpoint(of: "ldap://127.0.0.1:3890/")! == ("127.0.0.1", 3890))
        #expect(TCPProbe.endpoint(of: "ldap://[::1]:389 ldap://other")! == ("::1", 389))
        #expect(TCPProbe.endpoint(of: "ldapi://%2Frun%2Fslapd") == nil)
    }

    @Test func knowsWhenNothingListens() {
        #expect(TCPProbe.accepts(url: "ldap://127.0.0.1:1") == false)
    }
}

struct PasswordSourceTests {
    func file(_ contents: String, mode: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(contents.utf8), attributes: [.posixPermissions: mode])
        return path
    }

    @Test func readsAPrivateFileWithoutItsNewline() throws {
        let path = try file("s3cret\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let secret = try PasswordSource.file(path).read(bindDN: "cn=x")
        #expect(secret.withBytes { String(decoding: $0, as: UTF8.self) } == "s3cret")
        #expect("\(secret)" == "<secret>")
    }

    @Test func refusesAFileOthersCanRead() throws {
        let path = try file("s3cret", mode: 0o644)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: (any Error).self) { try PasswordSource.file(path).read(bindDN: "cn=x") }
    }

    @Test func refusesAnEmptyPassword() throws {
        let path = try file("\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try PasswordSource.file(path).read(bindDN: "cn=x")
            Issue.record("an empty password was accepted")
        } catch {
            #expect("\(error)".contains("unauthenticated bind"))
        }
    }

    @Test func readsAndRemovesTheEnvironmentVariable() throws {
        setenv("RELAY_AUDIT_TEST_PW", "from-env", 1)
        let secret = try PasswordSource.environment("RELAY_AUDIT_TEST_PW").read(bindDN: "cn=x")
        #expect(secret.withBytes { String(decoding: $0, as: UTF8.self) } == "from-env")
        #expect(getenv("RELAY_AUDIT_TEST_PW") == nil)
    }

    @Test func onceAPasswordIsReadNoCoreFileCanHoldIt() throws {
        let path = try file("s3cret", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try PasswordSource.file(path).read(bindDN: "cn=x")
        var limit = rlimit()
        #expect(getrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit) == 0)
        #expect(limit.rlim_cur == 0 && limit.rlim_max == 0)
    }
}
