public import LogAnalysis
public import RelayAuditCore

/// One piece of evidence behind an account's verdict, as a value: the renderers (Reports)
/// turn it into JSON, terminal text, Markdown or HTML, each in one place, instead of every
/// renderer parsing a JSON object back.
public enum EvidenceItem: Sendable {
    /// A log signal the account raised (what was measured, against which threshold).
    case logSignal(LogSignal)
    /// A directory hygiene finding about the account.
    case directoryFinding(rule: RuleID, severity: Severity, message: String)
    /// A correlation of the directory with the logs, with the facts it compared.
    case correlation(rule: RuleID, severity: Severity, message: String, facts: JSONValue)

    /// Where the evidence comes from: `logs`, `directory` or `correlation`.
    public var source: String {
        switch self {
        case .logSignal: "logs"
        case .directoryFinding: "directory"
        case .correlation: "correlation"
        }
    }

    /// The signal's or the rule's id.
    public var id: String {
        switch self {
        case let .logSignal(signal): signal.id.rawValue
        case let .directoryFinding(rule, _, _), let .correlation(rule, _, _, _): rule.rawValue
        }
    }

    /// What it says, in words.
    public var detail: String {
        switch self {
        case let .logSignal(signal): signal.detail
        case let .directoryFinding(_, _, message), let .correlation(_, _, message, _): message
        }
    }
}
