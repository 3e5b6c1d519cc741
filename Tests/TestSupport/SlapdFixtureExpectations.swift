/// What the slapd fixture (Tests/Scripts/slapd-populate.py) was built to produce.
public enum SlapdFixtureExpectations {
    public static let findings: [String: Set<String>] = [
        "ssha.user": ["weak-password-hash"],
        "sha.user": ["weak-password-hash"],
        "des.user": ["weak-password-hash"],
        "md5crypt.user": ["weak-password-hash"],
        "clear.user": ["cleartext-password"],
        "plain.user": ["cleartext-password"],
        "old.user": ["password-too-old"],
        "shadow.user": ["password-never-expires", "password-too-old"],
        "locked.user": ["account-locked"],
        "new.user": ["recently-created"],
        "expired.user": ["account-expired"],
        "svc.relay": ["password-never-expires"],
        "admin.user": ["privileged-password-old"],
        "stale.user": ["stale-account"],
    ]

    public static let clean = ["alice", "disabled.user", "wheel.user", "user001", "user250"]
    /// The accounts whose passwords are on Tests/Fixtures/wordlists/weak.txt.
    public static let listedPasswords: Set<String> = ["ssha.user", "sha.user", "des.user", "md5crypt.user", "clear.user"]
    public static let weakPolicies = 2
    /// 17 scenario users and 250 bulk users.
    public static let accountCount = 267
    public static let schemes: [String: String] = [
        "alice": "CRYPT-SHA512", "ssha.user": "SSHA", "sha.user": "SHA", "des.user": "CRYPT-DES",
        "md5crypt.user": "CRYPT-MD5", "clear.user": "CLEARTEXT", "plain.user": "CLEARTEXT",
    ]
}
