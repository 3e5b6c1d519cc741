public import RelayAuditCore

/// Who made each successful authentication of an account from an address: its owner, the
/// attacker, or not known. Decided per (account, address) pair after the detectors, before
/// the checker uses it: the last abusive AUTH, whether a reset came after the abuse, and what
/// to block are all judged from the attacker's pairs, not from every address that logged in.
public struct Attribution: Sendable {
    public enum Label: String, Sendable { case owner, attacker, unknown }

    /// One pair's label and the evidence that decided it.
    public struct Pair: Sendable, Equatable {
        public var account: String
        public var address: String
        public var label: Label
        public var reason: String

        public init(account: String, address: String, label: Label, reason: String) {
            self.account = account
            self.address = address
            self.label = label
            self.reason = reason
        }
    }

    /// By account (the log account's name), then address.
    public private(set) var pairs: [String: [String: Pair]] = [:]
    /// When the attacker first moved, as the logs tell it (nil: no attacker evidence); the
    /// owner's pairs are the logins from before it.
    public var incidentStart: Instant?

    public init() {}

    public mutating func set(_ pair: Pair) { pairs[pair.account, default: [:]][pair.address] = pair }

    public func label(account: String, address: String) -> Label { pairs[account]?[address]?.label ?? .unknown }

    /// The labelled pairs of `account`, by address.
    public func pairs(of account: String) -> [Pair] { (pairs[account] ?? [:]).values.sorted { $0.address < $1.address } }

    /// The addresses whose logins to `account` were the attacker's.
    public func attackerAddresses(of account: String) -> [String] {
        (pairs[account] ?? [:]).values.filter { $0.label == .attacker }.map(\.address).sorted()
    }
}
