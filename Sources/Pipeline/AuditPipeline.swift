public import Advisor
import Checker
public import Directory
import LogAnalysis
public import MailLogs
public import Policy
public import RelayAuditCore
public import Reports

/// The whole audit as a library: logs → analysis, directory → hygiene findings, checker,
/// advisor, report. The CLI parses options and calls it; tests run the incident audit through
/// it in-process. Reading a live directory is the caller's (the I/O edge that holds
/// credentials): the pipeline is handed a way to get the snapshot.
public struct AuditPipeline: Sendable {
    public var policy: AuditPolicy
    /// The moment every stage judges time from (`--as-of`).
    public var asOf: Instant
    public var toolVersion: String

    public init(policy: AuditPolicy, asOf: Instant, toolVersion: String) {
        self.policy = policy
        self.asOf = asOf
        self.toolVersion = toolVersion
    }

    /// How to read the logs: which files, how (`--format`, `--year`, `--timezone`), with how
    /// many threads, and where progress goes.
    public struct LogInput {
        public var files: [String]
        public var options: LogReadOptions
        public var jobs: Int
        public var progress: (any LogReadProgress)?

        public init(files: [String], options: LogReadOptions, jobs: Int = 1, progress: (any LogReadProgress)? = nil) {
            self.files = files
            self.options = options
            self.jobs = jobs
            self.progress = progress
        }
    }

    /// `relay-audit directory`: the hygiene findings of a snapshot.
    public func directory(_ snapshot: DirectorySnapshot) -> AuditReport {
        let findings = DirectoryAuditor.findings(for: snapshot, policy: policy, asOf: asOf)
        return AuditReport(asOf: asOf, policySource: policy.source, toolVersion: toolVersion,
                           directory: DirectorySection(snapshot: snapshot, findings: findings))
    }

    /// `relay-audit logs`: the accounts and addresses the logs judge.
    public func logs(_ input: LogInput) throws(RelayAuditError) -> AuditReport {
        let section = try readLogs(input)
        return AuditReport(asOf: asOf, policySource: policy.source, toolVersion: toolVersion, logs: section)
    }

    /// `relay-audit audit`: both sources joined, and the plan. The logs are read first, so a
    /// bad log path fails before any connection to the directory.
    public func audit(_ input: LogInput, directory: () throws(RelayAuditError) -> DirectorySnapshot,
                      templates: CommandTemplates) throws(RelayAuditError) -> AuditReport {
        let logs = try readLogs(input)
        let snapshot = try directory()
        let findings = DirectoryAuditor.findings(for: snapshot, policy: policy, asOf: asOf)
        let checker = Checker.check(snapshot: snapshot, directoryFindings: findings, analysis: logs.analysis, policy: policy, asOf: asOf)
        let plan = Advisor(templates: templates).plan(AdvisorInput(
            snapshot: snapshot, directoryFindings: findings, analysis: logs.analysis, checker: checker, logFormats: Set(logs.input.formats.keys),
            serverSoftware: logs.input.serverSoftware))
        return AuditReport(asOf: asOf, policySource: policy.source, toolVersion: toolVersion,
                           directory: DirectorySection(snapshot: snapshot, findings: findings), logs: logs, checker: checker, plan: plan)
    }

    /// Reads and judges the logs; the year of stdin's syslog lines is inferred from `asOf`.
    func readLogs(_ input: LogInput) throws(RelayAuditError) -> LogsSection {
        var options = input.options
        options.joinExpirySeconds = Int64(policy.logs.joinExpiryHours) * 3600
        options.now = asOf
        let (summary, aggregator) = try LogAggregation.read(input.files, options: options, jobs: input.jobs, progress: input.progress)
        return LogsSection(input: summary, analysis: LogAnalyzer.analyze(consume aggregator, policy: policy))
    }
}
