import RelayAuditCore

/// Labels each (account, address) pair of a successful SMTP AUTH, from the judged addresses:
/// an address the detectors call attacker or suspicious made its logins as the attacker;
/// the others are not known (the label's default, not stored: most logins are). Owner
/// evidence, such as an address the account used before the incident with its usual client,
/// plugs in here.
enum Attributor {
    static func attribute(sources: [SourceReport]) -> Attribution {
        var attribution = Attribution()
        for source in sources where source.verdict != .clean && !source.accounts.isEmpty {
            let reason = "the address is judged \(source.verdict.rawValue) (\(source.signals.map(\.id.rawValue).joined(separator: ", ")))"
            for account in source.accounts {
                attribution.set(Attribution.Pair(account: account, address: source.ip, label: .attacker, reason: reason))
            }
        }
        return attribution
    }
}
