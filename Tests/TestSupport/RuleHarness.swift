import Directory
import Foundation
import Policy
import RelayAuditCore

/// Runs one rule the way the auditor does, with the built-in default policy.
public enum RuleHarness {
    public static let policy: AuditPolicy = {
        do { return try PolicyLoader.loadDefault() } catch { fatalError("the built-in policy does not load: \(error)") }
    }()

    public static func context(_ snapshot: DirectorySnapshot, asOf: Instant = AccountBuilder.asOf) -> RuleContext {
        RuleContext(snapshot: snapshot, thresholds: policy.directory, asOf: asOf)
    }

    /// The rule's hit for `account`, evaluated in a snapshot holding only that account.
    public static func hit(_ rule: some DirectoryRule, _ account: Account) -> RuleHit? {
        rule.check(account, in: context(AccountBuilder.snapshot([account])))
    }

    /// Evidence value for `key` in a hit.
    public static func evidence(_ hit: RuleHit?, _ key: String) -> String? {
        guard let pair = hit?.evidence.first(where: { $0.0 == key }) else { return nil }
        return "\(pair.1)"
    }
}
