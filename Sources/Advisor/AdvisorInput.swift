public import Checker
public import Directory
public import LogAnalysis
public import MailLogs
public import RelayAuditCore

/// What the advisor plans from: the audit's results.
public struct AdvisorInput: Sendable {
    public let snapshot: DirectorySnapshot
    public var directoryFindings: [Finding]
    public var analysis: LogAnalysis
    public var checker: CheckerResult
    /// Log formats that produced events (`postfix`, `exim`, …): which MTA commands apply.
    public var logFormats: Set<String>
    /// The mail servers' versions, as their start lines named them (the newest start of each).
    public var serverSoftware: [ServerSoftware]

    /// Accounts by DN: findings name accounts by DN, and a linear search per finding would make
    /// the plan quadratic on a directory of 100,000 accounts.
    let accountsByDN: [String: Account]

    public init(snapshot: DirectorySnapshot, directoryFindings: [Finding], analysis: LogAnalysis, checker: CheckerResult, logFormats: Set<String>,
                serverSoftware: [ServerSoftware] = []) {
        self.accountsByDN = Dictionary(snapshot.accounts.map { ($0.dn, $0) }, uniquingKeysWith: { first, _ in first })
        self.snapshot = snapshot
        self.directoryFindings = directoryFindings
        self.analysis = analysis
        self.checker = checker
        self.logFormats = logFormats
        self.serverSoftware = serverSoftware
    }

    /// The directory targets of the plan's commands.
    var directoryTargets: [String] {
        switch snapshot.kind {
        case .activeDirectory: ["active-directory", "samba"]
        case .openldap, .unknown: ["openldap"]
        case .ds389: ["389ds"]
        case .freeipa: ["freeipa", "389ds"]
        case .zimbra: ["zimbra"]
        }
    }

    /// The MTA targets, from the logs that were read.
    var mailTargets: [String] {
        var targets: [String] = []
        if snapshot.kind == .zimbra || logFormats.contains("zimbra") {
            targets.append("zimbra")
        } else if logFormats.contains("postfix") {
            targets.append("postfix")
        }
        if logFormats.contains("exim") { targets.append("exim") }
        if logFormats.contains("sendmail") { targets.append("sendmail") }
        if logFormats.contains(where: { $0.hasPrefix("exchange") || $0 == "iis-smtp" || $0 == "m365-trace" }) { targets.append("exchange") }
        return targets
    }

    func account(dn: String) -> Account? { accountsByDN[dn] }
    func findings(_ rule: RuleID) -> [Finding] { directoryFindings.filter { $0.rule == rule } }
}
