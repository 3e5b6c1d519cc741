import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Harden: non-delivery notifications were seen. A server that accepts mail for any recipient
/// and finds out later that there is no such mailbox bounces it to the (forged) sender:
/// backscatter, which gets the server listed. Refusing unknown recipients at RCPT time makes
/// the refusal the sending client's problem, and no bounce is written.
struct ValidateRecipientsStep: PlanStepRule {
    let phase = PlanPhase.harden
    let action = PlanAction.validateRecipients

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        let ndr = context.compromisedLogs.reduce(0) { $0 + $1.activity.ndr }
        guard ndr > 0 else { return nil }
        return PlanStepDraft(
            title: "Refuse unknown recipients while the client is still connected",
            why: "\(ndr) non-delivery notifications went out: a bounce written after accepting a message goes to its (forged) sender. Checking recipients at RCPT time refuses instead of bouncing.",
            targets: context.mailTargets)
    }
}

extension PlanAction {
    public static let validateRecipients = PlanAction("validate-recipients")
}
