import Policy
public import RelayAuditCore
/// `reversible-password`: ENCRYPTED_TEXT_PWD_ALLOWED (0x80): the password is stored with
/// reversible encryption (Primary:CLEARTEXT) at its next change, readable by anyone with
/// replication rights. Clearing the flag does not remove a stored value: a reset is needed.
public struct ReversiblePasswordRule: DirectoryRule {
    public let id = RuleID.reversiblePassword
    public let summary = "An account stores its password with reversible encryption (UAC 0x80)."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.reversibleEncryption, account.state != .disabled else { return nil }
        return RuleHit(
            "the password is stored with reversible encryption (ENCRYPTED_TEXT_PWD_ALLOWED); clear the flag and reset the password",
            evidence: Evidence.uac(account) + Evidence.passwordAge(account, context)
        )
    }
}

extension RuleID {
    public static let reversiblePassword = RuleID("reversible-password")
}
