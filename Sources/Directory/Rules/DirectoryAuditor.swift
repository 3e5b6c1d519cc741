public import Foundation
public import Policy
public import RelayAuditCore

/// Runs the enabled hygiene rules over a snapshot and returns findings in report order.
public enum DirectoryAuditor {
    public static func findings(
        for snapshot: DirectorySnapshot, policy: AuditPolicy, asOf: Date,
        rules: [any DirectoryRule] = DirectoryRules.all
    ) -> [Finding] {
        let context = RuleContext(snapshot: snapshot, thresholds: policy.directory, asOf: asOf)
        var findings: [Finding] = []
        for rule in rules {
            let setting = policy.setting(for: rule.id)
            guard setting.enabled else { continue }
            // By index: `for account in` would copy every Account (a dozen retains each) once per
            // rule, which dominated a 100,000-account directory's run time.
            for index in snapshot.accounts.indices {
                guard let hit = rule.check(snapshot.accounts[index], in: context) else { continue }
                findings.append(Finding(rule: rule.id, severity: setting.severity, account: snapshot.accounts[index].name,
                                        id: snapshot.accounts[index].dn, message: hit.message, evidence: .object(hit.evidence)))
            }
            for hit in rule.checkDirectory(in: context) {
                findings.append(Finding(rule: rule.id, severity: setting.severity, account: nil, id: nil,
                                        message: hit.message, evidence: .object(hit.evidence)))
            }
        }
        return findings.sorted(by: Finding.reportOrder)
    }
}
