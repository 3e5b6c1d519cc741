import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Eradicate (Active Directory): forged Kerberos tickets survive every user reset until the
/// krbtgt password changes twice, at least ten hours apart.
struct ResetKrbtgtStep: PlanStepRule {
    let phase = PlanPhase.eradicate
    let action = PlanAction.resetKrbtgt

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let old = context.findings(.krbtgtPasswordOld)
        guard context.snapshot.kind == .activeDirectory, !context.compromised.isEmpty || !old.isEmpty else { return nil }
        let age = old.first.map { finding in KrbtgtPasswordOldRule.passwordAgeDays(finding).map { "\($0) days old" } ?? "old" } ?? "old"
        return PlanStepDraft(
            title: "Reset the krbtgt password twice, at least 10 hours apart",
            why: "Forged Kerberos tickets survive every user reset until krbtgt changes twice" + (old.isEmpty ? "." : "; its password is \(age)."),
            targets: context.directoryTargets)
    }
}

extension PlanAction {
    public static let resetKrbtgt = PlanAction("reset-krbtgt")
}
