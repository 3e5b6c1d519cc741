import Policy
public import RelayAuditCore
/// `weak-password-hash`: a stored password hash uses a scheme the policy does not accept
/// (`acceptable_password_schemes`): unsalted or fast digests ({MD5}, {SHA}, {SSHA}, {SMD5}),
/// DES or MD5 crypt. Whoever reads the directory or a backup cracks these at GPU speed.
/// The hash itself is never reported.
public struct WeakPasswordHashRule: DirectoryRule {
    public let id = RuleID.weakPasswordHash
    public let summary = "A stored password hash uses a weak scheme ({MD5}, {SHA}, {SSHA}, DES crypt…)."
    public init() {}

    public func check(_ account: Account, in context: RuleContext) -> RuleHit? {
        guard !account.passwordStorage.isEmpty else { return nil }
        // A handful of schemes: searched as the array (a Set built per account cost more).
        let acceptable = context.thresholds.acceptablePasswordSchemes
        let weak = account.passwordStorage.filter { $0.strength != .cleartext && !acceptable.contains($0.scheme) }
        guard !weak.isEmpty else { return nil }
        let schemes = weak.map(\.scheme)
        return RuleHit(
            "the password is stored as \(schemes.joined(separator: ", ")), which is fast to crack offline",
            evidence: [("schemes", .strings(schemes)), ("attribute", .string(weak[0].attribute)),
                       ("state", .string(account.state.rawValue))] + Evidence.passwordAge(account, context)
        )
    }
}

extension RuleID {
    public static let weakPasswordHash = RuleID("weak-password-hash")
}
