/// The `directory:` section of the policy: the thresholds the hygiene rules apply.
///
/// Each property documents the rule that reads it; the values come from the policy file (the
/// built-in default is `Policies/default.yaml`), never from code.
public struct DirectoryThresholds: Sendable, Equatable {
    /// password-too-old.
    public var passwordMaxAgeDays: Int
    /// privileged-password-old.
    public var privilegedPasswordMaxAgeDays: Int
    /// krbtgt-password-old.
    public var krbtgtPasswordMaxAgeDays: Int
    /// stale-account.
    public var staleAfterDays: Int
    /// How far lastLogonTimestamp may lag the real last logon.
    public var lastLogonTimestampLagDays: Int
    /// never-logged-on.
    public var neverLoggedOnAfterDays: Int
    /// recently-created.
    public var recentlyCreatedDays: Int
    /// weak-password-policy: shortest acceptable minimum length.
    public var minimumPasswordLength: Int
    /// weak-password-policy: longest acceptable policy maximum age.
    public var maximumPolicyPasswordAgeDays: Int
    /// weak-password-policy: lockout must be configured.
    public var requireLockout: Bool
    /// weak-password-policy: AD complexity must be on.
    public var requireComplexity: Bool
    /// Group names (cn) whose members are privileged outside AD's well-known SIDs.
    public var privilegedGroups: [String]
    /// userPassword schemes that do not raise weak-password-hash (upper case).
    public var acceptablePasswordSchemes: [String]
    /// Accounts whose directory changes during an incident are their owners' normal work
    /// (the audit trail's actors not listed here are treated as held by the intruder).
    public var knownAdministrators: [String] = []
}
