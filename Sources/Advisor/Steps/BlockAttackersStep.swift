import Checker
import Directory
import LogAnalysis
import RelayAuditCore

/// Contain: block the addresses judged attackers, at the firewall and in the MTA.
struct BlockAttackersStep: PlanStepRule {
    let phase = PlanPhase.contain
    let action = PlanAction.blockAddress

    func draft(_ context: PlanContext) -> PlanStepDraft? {
        guard !context.attackers.isEmpty else { return nil }
        return PlanStepDraft(
            title: "Block the attacking addresses",
            why: "\(context.attackers.count) address(es) sprayed passwords or sent forged mail through compromised accounts.",
            ips: Array(context.attackers.prefix(PlanContext.maximumValuesPerStep)), targets: [.firewall] + context.mailTargets)
    }
}

extension PlanAction {
    public static let blockAddress = PlanAction("block-address")
}
