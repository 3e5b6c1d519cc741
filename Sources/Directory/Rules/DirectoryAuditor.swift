import Foundation
public import Policy
public import RelayAuditCore

/// Runs the enabled hygiene rules over a snapshot and returns findings in report order.
public enum DirectoryAuditor {
    public static func findings(
        for snapshot: DirectorySnapshot, policy: AuditPolicy, asOf: Instant,
        rules: [any DirectoryRule] = DirectoryRules.all
    ) -> [Finding] {
        let context = RuleContext(snapshot: snapshot, thresholds: policy.directory, asOf: asOf)
        let enabled = rules.compactMap { rule -> (rule: any DirectoryRule, severity: Severity)? in
            let setting = policy.setting(for: rule.id)
            return setting.enabled ? (rule, setting.severity) : nil
        }
        // Account by account, every rule on it: handing an Account to a rule copies it (a dozen
        // retains), and doing that once per rule dominated a 100,000-account directory's run
        // time. Findings are kept per rule, so they come out in the same order as rule by rule.
        var byRule = [[Finding]](repeating: [], count: enabled.count)
        for account in snapshot.accounts {
            for (index, (rule, severity)) in enabled.enumerated() {
                guard let hit = rule.check(account, in: context) else { continue }
                byRule[index].append(Finding(rule: rule.id, severity: severity, account: account.name, dn: account.dn,
                                             message: hit.message, evidence: .object(hit.evidence)))
            }
        }
        var findings: [Finding] = []
        findings.reserveCapacity(byRule.reduce(0) { $0 + $1.count })
        for (index, (rule, severity)) in enabled.enumerated() {
            findings += byRule[index]
            byRule[index] = []
            for hit in rule.checkDirectory(in: context) {
                findings.append(Finding(rule: rule.id, severity: severity, account: nil, dn: nil,
                                        message: hit.message, evidence: .object(hit.evidence)))
            }
        }
        return findings.sorted(by: Finding.reportOrder)
    }
}
