import Foundation

/// The live directories `Tests/Scripts/with-fixtures.sh` starts, read from its environment.
/// Tests that need them are enabled only when the variables are set; `.ci/run` always sets
/// them, so in CI these tests always run.
public enum LiveFixtures {
    static let environment = ProcessInfo.processInfo.environment

    public static var available: Bool { environment["RELAY_AUDIT_FIXTURES"] != nil }

    public static func value(_ name: String) -> String { environment[name] ?? "" }

    public static var ca: String { value("RELAY_AUDIT_CA") }
    public static var otherCA: String { value("RELAY_AUDIT_OTHER_CA") }
    public static var sambaIP: String { value("RELAY_AUDIT_SAMBA_IP") }
    public static var sambaBindDN: String { value("RELAY_AUDIT_SAMBA_BIND_DN") }
    /// The login name of the bind identity (its UPN's local part).
    public static var sambaBindName: String { String(sambaBindDN.split(separator: "@").first ?? "") }
    public static var sambaLimitedDN: String { value("RELAY_AUDIT_SAMBA_LIMITED_DN") }
    public static var sambaLimitedName: String { String(sambaLimitedDN.split(separator: "@").first ?? "") }
    /// Every identity the tests bind to Samba as: each bind moves its own lastLogon.
    public static var sambaBindNames: [String] { [sambaBindName, sambaLimitedName] }
    public static var sambaPasswordFile: String { value("RELAY_AUDIT_SAMBA_PASSWORD_FILE") }
    public static var sambaBase: String { value("RELAY_AUDIT_SAMBA_BASE") }
    public static var slapdIP: String { value("RELAY_AUDIT_SLAPD_IP") }
    public static var slapdBindDN: String { value("RELAY_AUDIT_SLAPD_BIND_DN") }
    public static var slapdLimitedDN: String { value("RELAY_AUDIT_SLAPD_LIMITED_DN") }
    public static var slapdPasswordFile: String { value("RELAY_AUDIT_SLAPD_PASSWORD_FILE") }
    public static var slapdLDAPI: String { value("RELAY_AUDIT_SLAPD_LDAPI") }
    public static var ds389IP: String { value("RELAY_AUDIT_DS389_IP") }
    public static var ds389BindDN: String { value("RELAY_AUDIT_DS389_BIND_DN") }
    public static var ds389LimitedDN: String { value("RELAY_AUDIT_DS389_LIMITED_DN") }
    public static var ds389PasswordFile: String { value("RELAY_AUDIT_DS389_PASSWORD_FILE") }
    public static var fixtureRoot: String { value("RELAY_AUDIT_FIXTURES") }
}
