import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Recover: delisting, only once the spam has stopped (requests made while it flows are
/// refused, and repeat listings last longer).
struct CheckBlocklistsStep: PlanStepRule {
    let phase = PlanPhase.recover
    let action = PlanAction.checkBlocklists

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard !context.compromised.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Check the blocklists and request delisting, only after the spam has stopped",
            why: "Delisting requests made while spam still flows are refused, and repeat listings last longer.", targets: [.firewall])
    }
}

extension PlanAction {
    public static let checkBlocklists = PlanAction("check-blocklists")
}
