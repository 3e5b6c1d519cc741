import Policy
public import RelayAuditCore
/// `cleartext-password`: the directory stores the password itself.
///
/// OpenLDAP keeps a `userPassword` written by a plain modify as given unless
/// `olcPPolicyHashCleartext` is on; AD keeps `userPassword`/`unixUserPassword` as plain
/// attributes. Anyone who can read the attribute, or a backup, has the password.
public struct CleartextPasswordRule: DirectoryRule {
    public let id = RuleID.cleartextPassword
    public let summary = "A password is stored in clear text (no scheme, {CLEARTEXT}, or AD userPassword)."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        let clear = account.passwordStorage.filter { $0.strength == .cleartext }
        guard let first = clear.first else { return nil }
        return RuleHit(
            "the password is stored in clear text in '\(first.attribute)'; anyone who can read the attribute or a backup has it",
            evidence: [("attribute", .string(first.attribute)), ("scheme", .string(first.scheme)),
                       ("state", .string(account.state.rawValue))]
        )
    }
}

extension RuleID {
    public static let cleartextPassword = RuleID("cleartext-password")
}
