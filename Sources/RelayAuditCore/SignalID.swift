/// The stable id of a log signal (a detector's finding about an account, an address or a
/// campaign), spelled as the JSON `signals[].id` and the policy's `signals:` keys spell it.
///
/// Like `RuleID`, constants are declared next to the detector that owns them, so code compares
/// ids through names the compiler checks.
public struct SignalID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: SignalID, rhs: SignalID) -> Bool { lhs.rawValue < rhs.rawValue }
}
