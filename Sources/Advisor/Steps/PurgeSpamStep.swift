import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Contain: delete the held spam once reviewed, so it is not retried for days.
struct PurgeSpamStep: PlanStepRule {
    let phase = PlanPhase.contain
    let action = PlanAction.purgeSender

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard !context.forgedSenders.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Purge the held spam",
            why: "Once reviewed, the held messages are spam: delete them so they are not retried for days.",
            senders: context.forgedSenders, targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let purgeSender = PlanAction("purge-sender")
}
