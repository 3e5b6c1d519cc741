/// How urgent a finding is, from `info` (context) to `critical` (act now).
///
/// The raw values are the spelling used in JSON, policy files and `--fail-on`.
public enum Severity: String, CaseIterable, Comparable, Sendable, Codable {
    case info
    case low
    case medium
    case high
    case critical

    /// Rank used for ordering: `info` is 0, `critical` is 4.
    public var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
