import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Contain: hold the mail of the forged senders the compromised accounts used, before it leaves.
struct HoldSpamStep: PlanStepRule {
    let phase = PlanPhase.contain
    let action = PlanAction.holdSender

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let senders = context.forgedSenders
        guard !senders.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Hold the spam still in the queue",
            why: "The compromised accounts sent as \(senders.count) forged sender(s) (\(senders.prefix(3).joined(separator: ", "))…): hold their mail before it leaves, review, then purge.",
            senders: senders, targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let holdSender = PlanAction("hold-sender")
}
