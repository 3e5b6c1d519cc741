public import Checker
public import Directory
public import LogAnalysis
public import RelayAuditCore

/// What the advisor plans from: the audit's results.
public struct AdvisorInput: Sendable {
    public var snapshot: DirectorySnapshot
    public var directoryFindings: [Finding]
    public var analysis: LogAnalysis
    public var checker: CheckerResult
    /// Log formats that produced events (`postfix`, `exim`, …): which MTA commands apply.
    public var logFormats: Set<String>

    public init(snapshot: DirectorySnapshot, directoryFindings: [Finding], analysis: LogAnalysis, checker: CheckerResult, logFormats: Set<String>) {
        self.snapshot = snapshot
        self.directoryFindings = directoryFindings
        self.analysis = analysis
        self.checker = checker
        self.logFormats = logFormats
    }

    /// The directory targets of the plan's commands.
    var directoryTargets: [String] {
        switch snapshot.kind {
        case .activeDirectory: ["active-directory", "samba"]
        case .openldap, .unknown: ["openldap"]
        case .ds389: ["389ds"]
        case .freeipa: ["freeipa", "389ds"]
        }
    }

    /// The MTA targets, from the logs that were read.
    var mailTargets: [String] {
        var targets: [String] = []
        if logFormats.contains("postfix") { targets.append("postfix") }
        if logFormats.contains("exim") { targets.append("exim") }
        if logFormats.contains("sendmail") { targets.append("sendmail") }
        if logFormats.contains(where: { $0.hasPrefix("exchange") || $0 == "iis-smtp" || $0 == "m365-trace" }) { targets.append("exchange") }
        return targets
    }

    func account(named name: String) -> Account? { snapshot.accounts.first { $0.name == name } }
    func findings(_ rule: String) -> [Finding] { directoryFindings.filter { $0.rule == rule } }
}
