#if canImport(Glibc)
import Glibc
#endif
public import Foundation

/// The connection defaults ldapsearch would use: `ldap.conf`, the user's `ldaprc` files and
/// `LDAP<OPTION>` environment variables (ldap.conf(5)), so an admin whose shell is already set
/// up for the OpenLDAP tools needs no extra flags.
///
/// Later sources override earlier ones, as in libldap: the system file (`$LDAPCONF` or
/// `/etc/ldap/ldap.conf`), `~/ldaprc`, `~/.ldaprc`, `./ldaprc`, the `$LDAPRC` variants, then
/// the environment. `BINDDN` is a user-only option and is ignored in the system file.
/// `LDAPNOINIT` disables all of it.
public struct LDAPDefaults: Sendable, Equatable {
    public var uri: String?
    public var base: String?
    public var bindDN: String?
    public var caFile: String?
    /// `TLS_REQCERT` as configured; relay-audit verifies certificates regardless and warns
    /// when this asks it not to.
    public var requireCertificate: String?
    public var networkTimeout: Int?
    /// Where each value came from, for `--verbose` and error messages.
    public var origins: [String: String] = [:]

    public init() {}

    /// Applies one file's text; `name` labels the origin; `userFile` allows BINDDN.
    public mutating func apply(fileText: String, name: String, userFile: Bool) {
        for rawLine in fileText.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2 else { continue }
            set(String(parts[0]), String(parts[1]).trimmingCharacters(in: .whitespaces), origin: name, userFile: userFile)
        }
    }

    /// Applies `LDAP<OPTION>` variables from `environment`.
    public mutating func apply(environment: [String: String]) {
        for key in ["URI", "BASE", "BINDDN", "TLS_CACERT", "TLS_REQCERT", "NETWORK_TIMEOUT"] {
            if let value = environment["LDAP" + key], !value.isEmpty {
                set(key, value, origin: "LDAP\(key)", userFile: true)
            }
        }
    }

    private mutating func set(_ key: String, _ value: String, origin: String, userFile: Bool) {
        switch key.uppercased() {
        case "URI": uri = value
        case "BASE": base = value
        case "BINDDN":
            guard userFile else { return }
            bindDN = value
        case "TLS_CACERT": caFile = value
        case "TLS_REQCERT": requireCertificate = value.lowercased()
        case "NETWORK_TIMEOUT": networkTimeout = Int(value)
        default: return
        }
        origins[key.uppercased()] = origin
    }

    /// Reads the defaults of this process the way libldap does.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                            currentDirectory: String = FileManager.default.currentDirectoryPath) -> LDAPDefaults {
        var defaults = LDAPDefaults()
        if environment["LDAPNOINIT"] != nil { return defaults }
        let system = environment["LDAPCONF"] ?? "/etc/ldap/ldap.conf"
        if let text = try? String(contentsOfFile: system, encoding: .utf8) {
            defaults.apply(fileText: text, name: system, userFile: false)
        }
        var userFiles: [String] = []
        let home = environment["HOME"]
        if let home { userFiles += ["\(home)/ldaprc", "\(home)/.ldaprc"] }
        userFiles.append("\(currentDirectory)/ldaprc")
        if let rc = environment["LDAPRC"], !rc.isEmpty {
            if let home { userFiles += ["\(home)/\(rc)", "\(home)/.\(rc)"] }
            userFiles.append("\(currentDirectory)/\(rc)")
        }
        for path in userFiles {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                defaults.apply(fileText: text, name: path, userFile: true)
            }
        }
        defaults.apply(environment: environment)
        return defaults
    }
}
