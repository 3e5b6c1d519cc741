import RelayAuditCore
import Checker
import Directory
import Foundation
import LogAnalysis
import Policy

/// Runs the checker on a directory of example accounts and a scripted log.
public enum CheckerHarness {
    /// Every stage's result, for tests of what comes after the checker.
    public struct Audit {
        public var snapshot: DirectorySnapshot
        public var directoryFindings: [Finding]
        public var analysis: LogAnalysis
        public var checker: CheckerResult
    }

    public static func audit(_ accounts: [Account], _ script: LogScript, kind: DirectoryKind = .activeDirectory,
                             policies: [PasswordPolicyFacts] = [], asOf: Instant = AccountBuilder.asOf,
                             policy: AuditPolicy = RuleHarness.policy,
                             configure: (inout DirectorySnapshot) -> Void = { _ in }) -> Audit {
        var snapshot = AccountBuilder.snapshot(accounts, kind: kind, policies: policies)
        configure(&snapshot)
        snapshot.baseDN = kind == .activeDirectory ? "DC=corp,DC=example" : "dc=corp,dc=example"
        let findings = DirectoryAuditor.findings(for: snapshot, policy: policy, asOf: asOf)
        let analysis = script.analyze(policy)
        let checker = Checker.check(snapshot: snapshot, directoryFindings: findings, analysis: analysis, policy: policy, asOf: asOf)
        return Audit(snapshot: snapshot, directoryFindings: findings, analysis: analysis, checker: checker)
    }

    public static func run(_ accounts: [Account], _ script: LogScript, asOf: Instant = AccountBuilder.asOf,
                           policy: AuditPolicy = RuleHarness.policy) -> CheckerResult {
        audit(accounts, script, asOf: asOf, policy: policy).checker
    }

    public static func hits(_ id: RuleID, _ result: CheckerResult) -> [Finding] { result.findings.filter { $0.rule == id } }

    /// Seconds since the epoch `days` before the builder's as-of.
    public static func time(daysAgo days: Double) -> Instant { AccountBuilder.daysAgo(days) }
}
