public import Advisor
public import Checker
public import Directory
import Foundation
public import LogAnalysis
public import MailLogs
import Policy
public import RelayAuditCore

/// Everything one run found, in the shape every renderer reads. Sections that a command did
/// not produce are nil (`relay-audit directory` has no mail-log section).
public struct AuditReport: Sendable {
    /// The moment ages were measured from.
    public var asOf: Instant
    /// Where the policy came from ("built-in default" or a path).
    public var policySource: String
    public var toolVersion: String
    public var directory: DirectorySection?
    public var logs: LogsSection?
    /// The directory ⨝ logs join (`relay-audit audit`).
    public var checker: CheckerResult?
    /// The lockdown plan (`relay-audit audit`).
    public var plan: [PlanStep]

    public init(asOf: Instant, policySource: String, toolVersion: String, directory: DirectorySection? = nil, logs: LogsSection? = nil,
                checker: CheckerResult? = nil, plan: [PlanStep] = []) {
        self.plan = plan
        self.asOf = asOf
        self.policySource = policySource
        self.toolVersion = toolVersion
        self.directory = directory
        self.logs = logs
        self.checker = checker
    }

    /// All findings of the report (directory hygiene and correlations), most severe first.
    public var findings: [Finding] { ((checker?.findings ?? []) + (directory?.findings ?? [])).sorted(by: Finding.reportOrder) }

    /// The severity each log verdict counts as for `--fail-on`: a compromised account, an
    /// attacking source or an open relay connector is critical, a suspicious one medium.
    public var logSeverities: [Severity] {
        guard let logs else { return [] }
        return logs.input.warnings.map { _ in .critical }
            + logs.analysis.accounts.compactMap { $0.verdict == .compromised ? .critical : ($0.verdict == .suspicious ? .medium : nil) }
            + logs.analysis.sources.compactMap { $0.verdict == .attacker ? .critical : ($0.verdict == .suspicious ? .medium : nil) }
    }

    /// Findings (and log verdicts) at or above `severity`.
    public func count(atLeast severity: Severity) -> Int {
        unsortedFindingCount { $0 >= severity } + logSeverities.count { $0 >= severity }
    }

    /// How many findings have exactly `severity` (without sorting them, as `findings` does).
    public func findingCount(_ severity: Severity) -> Int { unsortedFindingCount { $0 == severity } }

    private func unsortedFindingCount(_ matches: (Severity) -> Bool) -> Int {
        (checker?.findings.count { matches($0.severity) } ?? 0) + (directory?.findings.count { matches($0.severity) } ?? 0)
    }
}

/// The directory half of a report: the snapshot and the hygiene findings about it.
public struct DirectorySection: Sendable {
    public var snapshot: DirectorySnapshot
    public var findings: [Finding]

    public init(snapshot: DirectorySnapshot, findings: [Finding]) {
        self.snapshot = snapshot
        self.findings = findings
    }

    /// Rule ids found per account DN, in report order.
    public var rulesByAccount: [String: [String]] {
        var result: [String: [String]] = [:]
        for finding in findings {
            guard let id = finding.dn else { continue }
            if !(result[id] ?? []).contains(finding.rule.rawValue) { result[id, default: []].append(finding.rule.rawValue) }
        }
        return result
    }
}

/// The mail-log half of a report: what was read and what it showed.
public struct LogsSection: Sendable {
    public var input: LogInputSummary
    public var analysis: LogAnalysis

    public init(input: LogInputSummary, analysis: LogAnalysis) {
        self.input = input
        self.analysis = analysis
    }
}
