#if canImport(Glibc)
import Glibc
#endif
import Directory
import Foundation

/// `relay-audit-bench --directory [--accounts 100000]`: a slapd on 127.0.0.40:3899 loaded with
/// slapadd, then `relay-audit directory` and `ldapsearch -E pr=1000/noprompt` fetching the
/// same attributes with the same filter, side by side (issue 7's last target: ≤ 1.2×).
/// Needs Debian's slapd and ldap-utils; writes only under a temporary folder.
func runDirectoryBenchmark(binary: String, runs: Int, accounts: Int, work: URL) {
    for tool in ["slapd", "slapadd", "slappasswd", "ldapsearch"] where which(tool) == nil && !FileManager.default.isExecutableFile(atPath: "/usr/sbin/\(tool)") {
        print("relay-audit-bench: \(tool) is missing (apt-get install slapd ldap-utils)")
        exit(1)
    }
    let base = "dc=bench,dc=example", ip = "127.0.0.40", port = 3899
    let password = "Bench-Passw0rd!"
    let db = work.appendingPathComponent("db"), conf = work.appendingPathComponent("slapd.conf")
    let ldif = work.appendingPathComponent("accounts.ldif"), pwfile = work.appendingPathComponent("password")
    try! FileManager.default.createDirectory(at: db, withIntermediateDirectories: true)
    try! Data(password.utf8).write(to: pwfile)
    chmod(pwfile.path, 0o600)
    let pidfile = work.appendingPathComponent("slapd.pid").path
    try! """
        include /etc/ldap/schema/core.schema
        include /etc/ldap/schema/cosine.schema
        include /etc/ldap/schema/nis.schema
        include /etc/ldap/schema/inetorgperson.schema
        modulepath /usr/lib/ldap
        moduleload back_mdb
        moduleload ppolicy
        pidfile \(pidfile)
        sizelimit unlimited
        database mdb
        maxsize 4294967296
        suffix "\(base)"
        rootdn "cn=admin,\(base)"
        rootpw \(password)
        directory \(db.path)
        overlay ppolicy
        index objectClass eq

        """.write(to: conf, atomically: true, encoding: .utf8)

    // Accounts as a mail shop keeps them: inetOrgPerson + posixAccount + a hash + ppolicy state.
    print("writing \(accounts) accounts and loading them with slapadd …")
    var text = "dn: \(base)\nobjectClass: dcObject\nobjectClass: organization\ndc: bench\no: Bench\n\n"
    text += "dn: ou=people,\(base)\nobjectClass: organizationalUnit\nou: people\n\n"
    let handle = FileManager.default.createFile(atPath: ldif.path, contents: nil) ? FileHandle(forWritingAtPath: ldif.path)! : nil
    handle?.write(Data(text.utf8))
    var chunk = ""
    for i in 0..<accounts {
        let name = String(format: "user%06d", i)
        chunk += """
            dn: uid=\(name),ou=people,\(base)
            objectClass: inetOrgPerson
            objectClass: posixAccount
            uid: \(name)
            cn: \(name)
            sn: \(name)
            uidNumber: \(10000 + i)
            gidNumber: 10000
            homeDirectory: /home/\(name)
            mail: \(name)@bench.example
            userPassword: {SSHA}2tUlddnMT2DsQNhL18uCEOBXfkAofQQw
            pwdChangedTime: 20260101000000Z
            createTimestamp: 20240101000000Z
            modifyTimestamp: 20260101000000Z


            """
        if i % 5000 == 4999 { handle?.write(Data(chunk.utf8)); chunk = "" }
    }
    handle?.write(Data(chunk.utf8))
    try? handle?.close()
    let loaded = measure(["slapadd", "-q", "-f", conf.path, "-l", ldif.path])
    guard loaded.status == 0 else { print("relay-audit-bench: slapadd failed"); exit(1) }
    let started = measure(["slapd", "-f", conf.path, "-h", "ldap://\(ip):\(port)/"])
    guard started.status == 0 else { print("relay-audit-bench: slapd did not start (is \(ip):\(port) free?)"); exit(1) }
    defer {
        if let pid = try? String(contentsOfFile: pidfile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), let value = Int32(pid) {
            kill(value, SIGTERM)
            for _ in 0..<50 where kill(value, 0) == 0 { usleep(100_000) }
        }
    }
    for _ in 0..<100 where measure(["ldapsearch", "-x", "-H", "ldap://\(ip):\(port)", "-s", "base", "-b", "", "namingContexts"]).status != 0 {
        usleep(100_000)
    }

    // Exactly what `relay-audit directory` asks an OpenLDAP server for.
    let attributes = RequestedAttributes.ldapAccount
    let filter = RequestedAttributes.ldapFilter
    let url = "ldap://\(ip):\(port)", bind = "cn=admin,\(base)"
    _ = measure(["ldapsearch", "-x", "-H", url, "-D", bind, "-y", pwfile.path, "-b", base, "-E", "pr=1000/noprompt", filter] + attributes)
    let ldapsearch = best(runs, ["ldapsearch", "-x", "-H", url, "-D", bind, "-y", pwfile.path, "-b", base, "-E", "pr=1000/noprompt", filter] + attributes,
                          stdout: work.appendingPathComponent("ldapsearch.out").path)
    let relayAudit = best(runs, [binary, "directory", "--ldap", url, "--bind-dn", bind, "--password-file", pwfile.path, "--page-size", "1000",
                                 "--output", "json"], stdout: work.appendingPathComponent("relay-audit.out").path)
    print(String(format: "\ninput: slapd with %d accounts on %@, best of %d runs\n", accounts, url, runs))
    func line(_ name: String, _ m: Measurement) {
        print("  " + padded(name, 52) + String(format: " %7.2f s  %8.0f accounts/s  peak RSS %6.0f MB", m.seconds, Double(accounts) / m.seconds, m.peakRSSMB)
            + (m.status <= 1 ? "" : "  (exit status \(m.status))"))
    }
    line("ldapsearch -E pr=1000/noprompt (same attributes)", ldapsearch)
    line("relay-audit directory --page-size 1000", relayAudit)
    if arguments.contains("--text-too") {
        let text = best(runs, [binary, "directory", "--ldap", url, "--bind-dn", bind, "--password-file", pwfile.path, "--page-size", "1000",
                               "--output", "text"], stdout: work.appendingPathComponent("relay-audit.txt").path)
        line("relay-audit directory --output text (no account list)", text)
    }
    print("\nratios (target in brackets):")
    ratio("relay-audit directory / ldapsearch", relayAudit.seconds / ldapsearch.seconds, "<= 1.2", relayAudit.seconds <= ldapsearch.seconds * 1.2)
}
