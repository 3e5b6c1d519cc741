/// What the 389-ds fixture (Tests/Scripts/ds389-populate.py, ds389-fixture.sh) was built to produce.
public enum DS389FixtureExpectations {
    public static let findings: [String: Set<String>] = [
        "old.user": ["password-never-expires", "password-too-old"],
        "ssha.user": ["weak-password-hash"],
        "clear.user": ["cleartext-password"],
        "stale.user": ["stale-account"],
        "locked.user": ["account-locked"],
        "new.user": ["recently-created"],
        "admin.user": ["privileged-password-old"],
    ]
    /// alice is under the strict local policy; disabled.user has nsAccountLock; svc.relay's
    /// weakness is its policy's, reported once for the policy.
    public static let clean = ["alice", "disabled.user", "svc.relay"]
    /// cn=config (the global policy: SSHA, no expiry, no lockout, no syntax check) and the
    /// service policy; the strict policy is not weak.
    public static let weakPolicies: Set<String> = ["cn=config", "cn=service,cn=nsPwPolicyContainer,ou=people,dc=example,dc=net"]
    public static let accountCount = 10
    /// The accounts whose passwords are on Tests/Fixtures/wordlists/weak.txt.
    public static let listedPasswords: Set<String> = ["ssha.user", "clear.user"]
    public static let schemes: [String: String] = ["alice": "PBKDF2-SHA512", "ssha.user": "SSHA", "clear.user": "CLEARTEXT"]
}
