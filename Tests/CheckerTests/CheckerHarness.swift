import RelayAuditCore
import Checker
import Directory
import Foundation
import LogAnalysis
import Policy
import TestSupport

/// Runs the checker on a directory of example accounts and a scripted log.
enum CheckerHarness {
    static func run(_ accounts: [Account], _ script: LogScript, asOf: Date = AccountBuilder.asOf,
                    policy: AuditPolicy = RuleHarness.policy) -> CheckerResult {
        var snapshot = AccountBuilder.snapshot(accounts)
        snapshot.baseDN = "DC=corp,DC=example"
        let findings = DirectoryAuditor.findings(for: snapshot, policy: policy, asOf: asOf)
        return Checker.check(snapshot: snapshot, directoryFindings: findings, analysis: script.analyze(policy), policy: policy, asOf: asOf)
    }

    static func hits(_ id: String, _ result: CheckerResult) -> [Finding] { result.findings.filter { $0.rule == id } }

    /// Seconds since the epoch `days` before the builder's as-of.
    static func time(daysAgo days: Double) -> Int64 { Int64(AccountBuilder.daysAgo(days).timeIntervalSince1970) }
}
