/// What the Samba AD DC fixture (Tests/Scripts/samba-populate.py) was built to produce: the
/// findings per account, for the live directory and for the sample LDIF exported from it.
public enum SambaFixtureExpectations {
    /// Rule ids expected per account; an account not listed must have none.
    public static let findings: [String: Set<String>] = [
        "Administrator": ["privileged-password-old"],
        "Guest": ["guest-enabled", "password-not-required", "password-never-expires", "never-logged-on"],
        "krbtgt": ["krbtgt-password-old"],
        "bob.smith": ["password-too-old"],
        "kiosk.user": ["password-never-expires", "password-too-old"],
        "notreqd.user": ["password-not-required"],
        "reversible.user": ["reversible-password"],
        "stale.user": ["stale-account"],
        "never.user": ["never-logged-on"],
        "it.support": ["recently-created"],
        "locked.user": ["account-locked"],
        "svc.backup": ["kerberoastable-user", "privileged-password-old", "password-never-expires"],
        "svc.web": ["kerberoastable-user", "password-never-expires"],
        "asrep.user": ["asrep-roastable"],
        "nested.admin": ["privileged-password-old"],
        "former.admin": ["admincount-orphan"],
        "expired.user": ["account-expired"],
        "legacy.unix": ["cleartext-password"],
    ]

    /// Accounts that must be reported clean (a sample of the rest).
    public static let clean = ["alice.johnson", "carol.brown", "disabled.user", "svc.audit", "bulk0001", "bulk1100"]

    /// Directory-wide findings: the domain policy (length 7) and the service PSO.
    public static let weakPolicies = 2

    /// Accounts the fixture creates: 19 scenario users, 1,100 bulk users, Administrator, Guest, krbtgt.
    public static let accountCount = 1122

    /// Expected privilege: account → privileged.
    public static let privileged: [String: Bool] = [
        "Administrator": true, "krbtgt": true, "svc.backup": true, "nested.admin": true, "it.support": true,
        "former.admin": false, "alice.johnson": false, "Guest": false,
    ]
}
