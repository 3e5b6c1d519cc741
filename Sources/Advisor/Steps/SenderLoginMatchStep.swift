import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Harden: the compromised accounts sent as other people's addresses; sender-login matching
/// refuses that.
struct SenderLoginMatchStep: PlanStepRule {
    let phase = PlanPhase.harden
    let action = PlanAction.senderLoginMatch

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let signals = context.compromisedSignals
        guard signals.contains(.forgedSender) || signals.contains(.senderLoginMismatch) else { return nil }
        return PlanStepDraft(
            title: "Let authenticated users send only as themselves",
            why: "The compromised accounts sent as other people's addresses; sender-login matching refuses that.",
            targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let senderLoginMatch = PlanAction("sender-login-match")
}
