import Policy
public import RelayAuditCore
/// `password-in-word-list`: the account's password is one of those the user listed with
/// `--weak-passwords` (the opt-in offline check of readable hashes; DSInternals'
/// Test-PasswordQuality does the same for AD's NT hashes). A spray tries exactly such lists.
/// The finding never says which password.
public struct PasswordInWordListRule: DirectoryRule {
    public let id = RuleID.passwordInWordList
    public let summary = "The password is on the word list given with --weak-passwords."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard account.passwordInWordList == true else { return nil }
        return RuleHit(
            "the password is on the supplied list of weak passwords: a password spray tries exactly such lists",
            evidence: [("schemes", .strings(account.passwordStorage.map(\.scheme))), ("state", .string(account.state.rawValue))]
                + Evidence.passwordAge(account, context)
        )
    }
}

extension RuleID {
    public static let passwordInWordList = RuleID("password-in-word-list")
}
