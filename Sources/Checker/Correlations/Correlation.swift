import Foundation
import LogAnalysis
public import RelayAuditCore

/// One correlation between the directory and the mail logs: a small rule with a stable id
/// (severity from the policy's `rules:` section) that names the accounts it applies to.
public protocol Correlation: Sendable {
    var id: RuleID { get }
    var summary: String { get }
    func evaluate(_ context: CorrelationContext) -> [CorrelationHit]
}

/// What a correlation found about one account.
public struct CorrelationHit: Sendable {
    /// The directory account's login name, or the identity as logged when it is not in the directory.
    public var account: String
    /// The directory DN, when known.
    public var dn: String?
    /// The log account it concerns (for attaching it to a verdict), when any.
    public var logUser: String?
    public var message: String
    public var evidence: [(String, JSONValue)]
    /// The verdict this makes the account at least.
    public var implies: Implication
    /// False when the hit is about a group, not an account: it is a finding, not evidence on a verdict.
    public var aboutAccount = true
    /// False when the finding names no account at all (a campaign): its `account` is null.
    public var namesAccount = true

    public enum Implication: Sendable { case compromised, suspicious, none }

    public init(account: String, dn: String?, logUser: String?, message: String, evidence: [(String, JSONValue)] = [],
                implies: Implication = .none) {
        self.account = account
        self.dn = dn
        self.logUser = logUser
        self.message = message
        self.evidence = evidence
        self.implies = implies
    }
}

/// The correlations, in the order their findings are documented.
public enum Correlations {
    public static let all: [any Correlation] = [
        AuthByForbiddenAccountCorrelation(),
        PasswordResetAfterAbuseCorrelation(),
        AbuseContainedCorrelation(),
        PersistenceCorrelation(),
        PrivilegedGroupChangedCorrelation(),
        AccountReenabledCorrelation(),
        AccountWeakenedCorrelation(),
        UnvouchedActorCorrelation(),
        WeakCredentialCorrelation(),
        PrivilegedSMTPAuthCorrelation(),
        StaleByEvidenceCorrelation(),
        InUseDespiteStaleCorrelation(),
        NotInDirectoryCorrelation(),
        PasswordSprayCorrelation(),
        DirectoryLogonAfterSprayCorrelation(),
    ]
}
