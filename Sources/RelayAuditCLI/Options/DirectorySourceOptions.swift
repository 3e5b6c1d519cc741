import ArgumentParser
import Directory
import DirectoryReader
import Foundation
import PasswordCheck
import RelayAuditCore

/// Where the directory comes from (`--ldap URL` or `--ldif FILE`) and how to connect.
struct DirectorySourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The directory to read: ldap://host, ldaps://host[:port] or ldapi://%2Fpath. Default: LDAPURI or ldap.conf's URI.",
        valueName: "URL"))
    var ldap: String?

    @Option(name: .long, help: ArgumentHelp(
        "Read an LDIF export instead of a live directory (ldapsearch, slapcat or ldifde output; '-' for stdin).",
        valueName: "FILE"))
    var ldif: String?

    @Option(name: .long, help: ArgumentHelp("DN (or AD user@domain) to bind as. Default: LDAPBINDDN or ldaprc's BINDDN; none means an anonymous bind.", valueName: "DN"))
    var bindDN: String?

    @Option(name: .long, help: ArgumentHelp("Read the bind password from FILE (mode 0600; one trailing newline is ignored).", valueName: "FILE"))
    var passwordFile: String?

    @Option(name: .long, help: ArgumentHelp("Read the bind password from environment variable VAR (removed from the environment once read).", valueName: "VAR"))
    var passwordEnv: String?

    @Option(name: .long, help: ArgumentHelp("Bind with SASL MECH instead of a password: EXTERNAL (ldapi:// peer credentials) or GSSAPI (Kerberos ticket).", valueName: "MECH"))
    var sasl: String?

    @Flag(name: .long, help: "Upgrade an ldap:// connection with StartTLS (failure is fatal, never a fall-back to plaintext).")
    var starttls = false

    @Option(name: .long, help: ArgumentHelp("CA certificates (PEM) to verify the server with. Default: LDAPTLS_CACERT or ldap.conf's TLS_CACERT.", valueName: "FILE"))
    var caFile: String?

    @Flag(name: .long, help: "Do not verify the server's TLS certificate. Dangerous: anyone on the path can read the bind password. Warns on every run.")
    var insecureSkipVerify = false

    @Option(name: .long, help: ArgumentHelp("Subtree to audit. Default: LDAPBASE, ldap.conf's BASE, or the server's default naming context.", valueName: "DN"))
    var base: String?

    @Option(name: .long, help: ArgumentHelp("Entries per page of the paged search (RFC 2696). Active Directory allows at most 1000 by default.", valueName: "N"))
    var pageSize: Int = 500

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for the server to connect or answer.", valueName: "SECONDS"))
    var timeout: Int = 30

    @Option(name: .long, help: ArgumentHelp(
        "Opt in to testing the userPassword hashes the bind can read against the passwords in FILE (one per line): "
            + "accounts whose password is listed get a password-in-word-list finding; the report never says which password. "
            + "Tests {SSHA}, {SHA}, {SMD5}, {MD5}, their SHA-2 forms, cleartext and every {CRYPT} variant (slow ones cost accounts × words).",
        valueName: "FILE"))
    var weakPasswords: String?

    mutating func validate() throws {
        if ldap != nil, ldif != nil { throw ValidationError("give either --ldap URL or --ldif FILE, not both") }
        if passwordFile != nil, passwordEnv != nil { throw ValidationError("give either --password-file or --password-env, not both") }
        if sasl != nil, passwordFile != nil || passwordEnv != nil {
            throw ValidationError("--sasl binds without a password; drop --password-file/--password-env")
        }
        guard (1...100_000).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 100000") }
        guard (1...3600).contains(timeout) else { throw ValidationError("--timeout must be between 1 and 3600 seconds") }
        if ldif != nil, ldap == nil, starttls || caFile != nil || insecureSkipVerify || bindDN != nil || passwordFile != nil || passwordEnv != nil {
            throw ValidationError("connection options (--bind-dn, --password-*, --starttls, --ca-file, --insecure-skip-verify) apply to --ldap, not to --ldif")
        }
    }

    /// Reads the directory, printing connection warnings on stderr, and runs the opt-in
    /// word-list check when `--weak-passwords` is given.
    func readSnapshot(asOf: Instant, privilegedGroupNames: [String]) throws(RelayAuditError) -> DirectorySnapshot {
        // The list is read first: a wrong path fails before any connection.
        let words = try weakPasswords.map { path throws(RelayAuditError) in try Self.wordList(path) }
        var snapshot: DirectorySnapshot
        if let ldif {
            snapshot = try LDIFLoader.load(path: ldif, asOf: asOf, privilegedGroupNames: privilegedGroupNames, keepPasswordValues: words != nil)
        } else {
            let (options, warnings) = try connectionOptions(defaults: LDAPDefaults.load())
            warnings.forEach(Console.warning)
            var reader = LiveDirectoryReader(options: options)
            defer { reader.warnings.forEach(Console.warning) }
            snapshot = try reader.read(asOf: asOf, privilegedGroupNames: privilegedGroupNames, keepPasswordValues: words != nil)
        }
        if let words {
            var checker = WeakPasswordChecker(words: words)
            let result = checker.check(&snapshot)
            snapshot.notes.append("weak-password check: \(result.checked) account(s) tested against \(words.count) listed password(s), \(result.listed) use one"
                + (result.untested > 0 ? "; \(result.untested) hold only hashes of schemes this check does not test (PBKDF2, ARGON2)" : "")
                + (result.checked + result.untested == 0 ? "; no userPassword was readable (Active Directory never returns password hashes over LDAP; elsewhere the bind needs read access to userPassword)" : ""))
        }
        return snapshot
    }

    static func wordList(_ path: String) throws(RelayAuditError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            throw .input([Diagnostic(.error, file: path, message: "cannot read the word list")])
        }
        let words = WeakPasswordChecker.words(fromFileContents: data)
        if words.isEmpty { throw .usage("--weak-passwords \(path): the word list holds no password") }
        return words
    }

    /// Combines the flags with ldapsearch-style defaults; flags win.
    func connectionOptions(defaults: LDAPDefaults) throws(RelayAuditError) -> (ConnectionOptions, [String]) {
        var warnings: [String] = []
        guard let url = ldap ?? defaults.uri else {
            throw .usage("no directory given: use --ldap URL (or set LDAPURI) or --ldif FILE")
        }
        let caFile = caFile ?? defaults.caFile
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw .usage("--ca-file \(TerminalText.sanitize(caFile)): no such readable file")
        }
        if let requirement = defaults.requireCertificate, ["never", "allow", "try"].contains(requirement), !insecureSkipVerify {
            let origin = defaults.origins["TLS_REQCERT"] ?? "ldap.conf"
            warnings.append("TLS_REQCERT \(requirement) (from \(origin)) is ignored: relay-audit verifies certificates unless you pass --insecure-skip-verify")
        }
        let authentication: ConnectionOptions.Authentication
        if let sasl {
            authentication = .sasl(mechanism: sasl.uppercased())
        } else if let dn = bindDN ?? defaults.bindDN {
            let source: PasswordSource = passwordFile.map(PasswordSource.file) ?? passwordEnv.map(PasswordSource.environment) ?? .prompt
            authentication = .simple(bindDN: dn, password: source)
        } else if url.lowercased().hasPrefix("ldapi://") {
            authentication = .sasl(mechanism: "EXTERNAL")
        } else {
            if passwordFile != nil || passwordEnv != nil {
                throw .usage("a password was given but no bind DN: add --bind-dn DN")
            }
            warnings.append("no --bind-dn: binding anonymously; most directories hide account attributes from anonymous binds")
            authentication = .anonymous
        }
        let options = ConnectionOptions(
            url: url, authentication: authentication, startTLS: starttls, caFile: caFile,
            verifyCertificates: !insecureSkipVerify, baseDN: base ?? defaults.base, pageSize: pageSize, timeoutSeconds: timeout)
        return (options, warnings)
    }
}
