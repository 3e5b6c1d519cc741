import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Recover: holding by sender may have caught real mail; review and release it.
struct ReleaseHeldMailStep: PlanStepRule {
    let phase = PlanPhase.recover
    let action = PlanAction.releaseHeldMail

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard !context.compromised.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Release the legitimate mail that was held",
            why: "Holding by sender may have caught real mail: review and release it.", targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let releaseHeldMail = PlanAction("release-held-mail")
}
