import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Recover: the plan is done when the audit shows no compromised account and no attacking
/// address; always the last step.
struct RerunAuditStep: PlanStepRule {
    let phase = PlanPhase.recover
    let action = PlanAction.rerunAudit

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        PlanStepDraft(
            title: "Re-run the audit, and keep monitoring",
            why: "The plan is done when the audit shows no compromised account and no attacking address; run it daily while the logs settle.",
            targets: [.firewall])
    }
}

extension PlanAction {
    public static let rerunAudit = PlanAction("rerun-audit")
}
