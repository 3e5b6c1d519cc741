/// One observation a rule made about an account or about the directory as a whole.
///
/// `account` and `dn` are nil for directory-wide findings such as a weak password policy.
/// `evidence` holds the raw values that convicted the account, in a stable key order, so an
/// admin can check the claim against the directory without re-running the tool.
public struct Finding: Sendable, Equatable {
    public var rule: RuleID
    public var severity: Severity
    /// The account's login name (sAMAccountName, uid), as the directory spells it.
    public var account: String?
    /// The distinguished name of the account (or group) the finding is about: the `id` of the
    /// interface's JSON.
    public var dn: String?
    public var message: String
    public var evidence: JSONValue

    public init(
        rule: RuleID, severity: Severity, account: String?, dn: String?, message: String,
        evidence: JSONValue = .object([])
    ) {
        self.rule = rule
        self.severity = severity
        self.account = account
        self.dn = dn
        self.message = message
        self.evidence = evidence
    }
}

extension Finding {
    /// Orders findings for reports: most severe first, then by rule id, then by account name.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        return (lhs.account ?? "", lhs.dn ?? "") < (rhs.account ?? "", rhs.dn ?? "")
    }
}
