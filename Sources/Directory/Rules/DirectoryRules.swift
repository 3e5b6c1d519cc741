import Policy
public import RelayAuditCore
/// The registry of hygiene rules, in the order their findings are documented.
public enum DirectoryRules {
    public static let all: [any DirectoryRule] = [
        GuestEnabledRule(),
        CleartextPasswordRule(),
        PasswordInWordListRule(),
        PasswordNotRequiredRule(),
        ReversiblePasswordRule(),
        PrivilegedPasswordOldRule(),
        KrbtgtPasswordOldRule(),
        KerberoastableUserRule(),
        AsrepRoastableRule(),
        WeakPasswordHashRule(),
        WeakPasswordPolicyRule(),
        PasswordNeverExpiresRule(),
        PasswordTooOldRule(),
        StaleAccountRule(),
        RecentlyCreatedRule(),
        AdminCountOrphanRule(),
        NeverLoggedOnRule(),
        AccountLockedRule(),
        AccountExpiredRule(),
        UnreadableAccountRule(),
    ]

    /// The rule with `id`.
    public static func rule(_ id: RuleID) -> (any DirectoryRule)? { all.first { $0.id == id } }
}
