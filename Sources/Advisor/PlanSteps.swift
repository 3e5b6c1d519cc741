/// The plan's steps, in the order they are written within each phase (contain, eradicate,
/// harden, recover; Microsoft's compromised-account and password-spray playbooks, Postfix and
/// Exim hardening, Spamhaus delisting: ../shared/reference §3.11).
public enum PlanSteps {
    public static let all: [any PlanStepRule] = [
        // Contain: stop new abuse now.
        DisableHeldAccountsStep(),
        FindUnmatchedAccountsStep(),
        BlockAttackersStep(),
        BlockAttackersAtDCsStep(),
        BlockCampaignNetworksStep(),
        BlockAddressConfigStep(),
        HoldAccountMailStep(),
        HoldSpamStep(),
        PurgeSpamStep(),
        PurgeBackscatterStep(),
        // Eradicate: take the attacker's access away for good.
        ResetCompromisedPasswordsStep(),
        ForcePasswordChangeTriedStep(),
        ResetPrivilegedPasswordsStep(),
        ResetKrbtgtStep(),
        DisableGuestStep(),
        ReviewPrivilegedGroupsStep(),
        RemovePersistencePrivilegesStep(),
        RemoveAddedMembersStep(),
        DisableReenabledAccountsStep(),
        RestoreAccountFlagsStep(),
        ReviewTrailActorsStep(),
        RequirePasswordStep(),
        ClearReversibleEncryptionStep(),
        ClearStoredCleartextStep(),
        RequirePreauthStep(),
        RehashPasswordsStep(),
        HashCleartextOnModifyStep(),
        DisableStaleAccountsStep(),
        // Harden: make the next attempt fail.
        SenderLoginMatchStep(),
        RateLimitPerUserStep(),
        AuthFailureThrottlingStep(),
        ValidateRecipientsStep(),
        PasswordPolicyStep(),
        ExpirePasswordsStep(),
        RestrictSMTPAuthStep(),
        UpdateServerStep(),
        // Recover: return to service only once the abuse has stopped.
        CheckBlocklistsStep(),
        ReleaseHeldMailStep(),
        RerunAuditStep(),
    ]

    /// Every action a registered step uses: the actions a templates file must have.
    public static var actions: Set<PlanAction> { Set(all.map(\.action)) }
}
