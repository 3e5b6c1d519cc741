/// Labels each (account, address) pair of a successful SMTP AUTH, from the judged addresses:
/// an address the detectors call attacker or suspicious made its logins as the attacker;
/// the others are not known. (Owner evidence, such as an address the account used before
/// the incident with its usual client, plugs in here.)
enum Attributor {
    static func attribute(accounts: [AccountReport], sources: [String: SourceReport]) -> Attribution {
        var attribution = Attribution()
        for account in accounts {
            for address in account.activity.successSources.keys {
                // Unknown pairs are not stored (the label's default): most logins are.
                guard let source = sources[address], source.verdict != .clean else { continue }
                let signals = source.signals.map(\.id.rawValue).joined(separator: ", ")
                attribution.set(Attribution.Pair(account: account.user, address: address, label: .attacker,
                                                 reason: "the address is judged \(source.verdict.rawValue) (\(signals))"))
            }
        }
        return attribution
    }
}
