import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Contain: the bounces the spam caused to forged senders keep the queue full and the server
/// listed.
struct PurgeBackscatterStep: PlanStepRule {
    let phase = PlanPhase.contain
    let action = PlanAction.purgeNDR

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let ndr = context.compromisedLogs.reduce(0) { $0 + $1.activity.ndr }
        guard ndr > 0 else { return nil }
        return PlanStepDraft(
            title: "Purge the bounces (NDR backscatter) from the queue",
            why: "The spam caused \(ndr) non-delivery notifications to forged senders; they keep the queue full and the server listed.",
            targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let purgeNDR = PlanAction("purge-ndr")
}
