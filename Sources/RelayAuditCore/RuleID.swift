/// The stable id of a rule: a directory hygiene rule or a correlation of `relay-audit audit`,
/// spelled as JSON, policy files, `--fail-on` reports and the documentation spell it.
///
/// A value type rather than a String so that code compares ids through constants declared
/// next to the rule that owns them (`RuleID.guestEnabled` in GuestEnabledRule.swift): a typo is
/// a compile error, not a step or a finding silently dropped. It is deliberately not
/// expressible by a string literal; `RuleID("…")` is written once, in the owning file.
public struct RuleID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}
