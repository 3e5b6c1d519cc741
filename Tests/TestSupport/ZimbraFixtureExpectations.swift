/// What the Zimbra directory (Tests/Scripts/zimbra-populate.py; live in slapd, or exported as
/// Tests/Fixtures/zimbra/zimbra-export.ldif) was built to produce.
public enum ZimbraFixtureExpectations {
    /// Findings per account, besides `weak-password-hash` (every fixture password is {SSHA}).
    public static let findings: [String: Set<String>] = [
        "admin": ["privileged-password-old"],
        "kiosk": ["password-too-old"],
        "lockout.user": ["account-locked"],
        "new.admin": ["recently-created"],
        "stale.user": ["stale-account"],
    ]
    /// No finding but the hash: Zimbra's system mailboxes (old passwords, no logins) among them.
    public static let clean = ["alice", "closed.user", "locked.user", "mustchange.user", "spam.training", "galsync"]
    public static let disabled: Set<String> = ["closed.user", "locked.user"]
    public static let privileged: Set<String> = ["admin", "new.admin"]
    public static let systemAccounts: Set<String> = ["spam.training", "galsync"]
    /// kiosk's own COS; every other account takes its domain's default (staff).
    public static let policies: [String: String] = ["kiosk": "cn=default,cn=cos,cn=zimbra", "admin": "cn=staff,cn=cos,cn=zimbra",
                                                    "alice": "cn=staff,cn=cos,cn=zimbra"]
    public static let accountCount = 11
}
