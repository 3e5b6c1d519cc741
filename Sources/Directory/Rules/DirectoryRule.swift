import Foundation
public import Policy
public import RelayAuditCore

/// A hygiene rule: one check with a stable id (the interface's rule ids), applied to each
/// account and optionally to the directory as a whole.
///
/// A rule states what it saw (`RuleHit`); severity and whether it runs at all come from the
/// policy, so an organisation can tune them without touching code.
public protocol DirectoryRule: Sendable {
    /// The stable rule id used in JSON, policy files and documentation.
    var id: RuleID { get }
    /// One sentence saying what the rule flags and why it matters.
    var summary: String { get }
    /// A finding for `account`, or nil when the rule does not apply.
    func check(_ account: Account, in context: RuleContext) -> RuleHit?
    /// Findings about the directory as a whole (password policies).
    func checkDirectory(in context: RuleContext) -> [RuleHit]
}

extension DirectoryRule {
    public func check(_ account: Account, in context: RuleContext) -> RuleHit? { nil }
    public func checkDirectory(in context: RuleContext) -> [RuleHit] { [] }
}

/// What a rule observed: a message for people and the raw evidence behind it.
public struct RuleHit: Sendable {
    public var message: String
    public var evidence: [(String, JSONValue)]

    public init(_ message: String, evidence: [(String, JSONValue)] = []) {
        self.message = message
        self.evidence = evidence
    }
}

/// What every rule may read: the snapshot, the policy thresholds and the audit's moment.
public struct RuleContext: Sendable {
    public var snapshot: DirectorySnapshot
    public var thresholds: DirectoryThresholds
    /// The moment ages are measured from (`--as-of`, default now).
    public var asOf: Instant

    public init(snapshot: DirectorySnapshot, thresholds: DirectoryThresholds, asOf: Instant) {
        self.snapshot = snapshot
        self.thresholds = thresholds
        self.asOf = asOf
    }

    /// Whole days from `date` to the audit moment.
    public func daysSince(_ moment: Instant) -> Int { asOf.wholeDays(since: moment) }
}

/// Evidence helpers shared by the rules, so the same fact is spelled the same way everywhere.
enum Evidence {
    static func date(_ moment: Instant?) -> JSONValue { .optional(moment?.iso8601) }

    static func passwordAge(_ account: Account, _ context: RuleContext) -> [(String, JSONValue)] {
        [
            ("password_last_set", date(account.passwordLastSet)),
            ("password_age_days", .optional(account.passwordLastSet.map(context.daysSince))),
        ]
    }

    static func uac(_ account: Account) -> [(String, JSONValue)] {
        account.userAccountControl.map { [("user_account_control", .int(Int($0)))] } ?? []
    }

    static func privilege(_ account: Account) -> [(String, JSONValue)] {
        account.privileged ? [("privileged_via", .strings(account.privilegedVia))] : []
    }
}
