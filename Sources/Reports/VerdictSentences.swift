/// The sentences about an account's verdict, written once for every renderer; each renderer
/// only says how a word is stressed (`NOT`, `**not**`) and escapes the rest for its medium.
enum VerdictSentences {
    /// Whether a compromised account's password changed after the abuse; nil when unknown.
    static func passwordReset(_ reset: Bool?, stress: (String) -> String) -> String? {
        switch reset {
        case false?: "password \(stress("not")) changed since the abuse: still usable by the attacker"
        case true?: "password changed since the abuse: contained"
        case nil: nil
        }
    }

    /// The summary figure of compromised accounts whose password was not changed.
    static let stillUsable = "still usable by the attacker"
}
